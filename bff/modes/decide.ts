/**
 * Which mode a start runs in (docs/CONTRACT.md "Modes", issue #10), as a pure decision:
 * - production (NODE_ENV=production) never runs the demo and refuses a demo database;
 * - WeCom configured: the real thing, on any database but a demo one in production;
 * - nothing configured: the demo, but only on a database created as one (marked) or a new,
 *   empty one (which then gets the demo data and the mark). Any other database is refused,
 *   naming what is missing, so real data is never served by the simulator's accounts.
 */
export type ModeDecision = { mode: 'demo' | 'wecom'; loadDemoData: boolean } | { refuse: string[] }

const WECOM_VARIABLES = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'SESSION_SECRET', 'DATA_KEY', 'INTEGRATION_TOKEN'] as const

export function decideMode(input: { production: boolean; wecomConfigured: boolean; demoMarked: boolean; empty: boolean; databaseUrl: string }): ModeDecision {
  if (input.production) {
    if (input.demoMarked) return { refuse: [`DATABASE_URL 指向演示数据库（${describe(input.databaseUrl)}），生产环境不能使用演示数据；请换用正式数据库`] }
    return { mode: 'wecom', loadDemoData: false }
  }
  if (input.wecomConfigured) return { mode: 'wecom', loadDemoData: false }
  if (input.demoMarked) return { mode: 'demo', loadDemoData: input.empty }
  if (input.empty) return { mode: 'demo', loadDemoData: true }
  return {
    refuse: [
      `DATABASE_URL 指向的数据库（${describe(input.databaseUrl)}）不是演示数据库，且未配置企业微信，拒绝以演示模式启动`,
      ...WECOM_VARIABLES.map((v) => `缺少环境变量 ${v}`),
      '（只想看演示：换一个新的 DATABASE_URL，或删除旧的演示数据库文件后重新运行 npm start）',
    ],
  }
}

/** The database without its password. */
function describe(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
}
