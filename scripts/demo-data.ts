/**
 * Demo data for `npm start` (docs/CONTRACT.md: loaded when the database is empty) and for
 * trying `npm run import`. As a module: `generateDemoData()` answers an import file and
 * `demoAccounts()` the people who can log in. As a script:
 *
 *   npm run demo-data -- [FILE] [--members=N] [--seed=N]      (FILE default data/demo-import.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateDemoData } from '../bff/import/demo/generate'
import { demoAccountsOf, type DemoAccount } from '../bff/import/demo/accounts'
import type { ImportFile } from '../bff/import/format'

export { generateDemoData, DEMO_SEED, type DemoOptions } from '../bff/import/demo/generate'
export { DEMO_PASSWORD, type DemoAccount } from '../bff/import/demo/accounts'

/** The demo's accounts (name, organisation, kind, WeCom userid, mobile, PC password) — of `file`, or of the default demo data. */
export function demoAccounts(file: ImportFile = generateDemoData()): DemoAccount[] {
  return demoAccountsOf(file)
}

function main(argv: string[]) {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
  const out = resolve(argv.find((a) => !a.startsWith('--')) ?? 'data/demo-import.json')
  const members = flag('members') ? Number(flag('members')) : undefined
  const seed = flag('seed') ? Number(flag('seed')) : undefined
  if ((members !== undefined && !(members > 0)) || (seed !== undefined && !Number.isInteger(seed))) {
    console.error('用法：npm run demo-data -- [输出文件] [--members=团员人数] [--seed=随机种子]')
    process.exit(1)
  }
  const file = generateDemoData({ members, seed })
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, JSON.stringify(file, null, 1))
  console.log(
    `已生成演示数据 ${out}：${file.organizations!.length} 个组织，${file.accounts!.length} 个账号，` +
      `${file.members!.length} 名团员，${file.changeRequests!.length} 条修改资料申请，${file.transfers!.length} 条转接申请`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main(process.argv.slice(2))
