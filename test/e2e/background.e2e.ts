/**
 * Issue #6, "done when": with REALNAME_RECHECK_DELAYS=2s,4s,8s and a provider that fails
 * once, a registration turns from 未通过 to 通过 by itself within seconds, and the branch's
 * operators received one WeCom card about it — on the real server, real timers, over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStack, WAIT_MS, type Stack } from './harness'
import { startFakeRealname } from '../../bff/test/fake-realname-server'
import { idCardCheckChar } from '../../shared/idcard'

let stack: Stack
let provider: Awaited<ReturnType<typeof startFakeRealname>>

const first17 = '44030520040315123'
const ID_CARD = first17 + idCardCheckChar(first17)

beforeAll(async () => {
  // The imported 校验中 members are checked too (issue #10): they pass; this registration fails once.
  provider = await startFakeRealname(['match'], { [ID_CARD]: ['mismatch', 'match'] })
  stack = await startStack({
    env: { REALNAME_PROVIDER: 'http', REALNAME_HTTP_URL: provider.url, REALNAME_RECHECK_DELAYS: '2s,4s,8s' },
  })
})
afterAll(async () => {
  await stack?.close()
  await provider?.close()
})

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('background real-name re-checks and notifications', () => {
  it('turns a failed registration 通过 by itself within seconds and tells the branch operators once', async () => {
    const branch = stack.data.organizations!.find((o) => o.type === 'branch')!
    const operators = stack.accounts.filter((a) => a.orgCode === branch.code && a.kind !== 'viewer' && a.wecomUserId)
    expect(operators.length).toBeGreaterThan(0)
    const res = await fetch(`${stack.baseUrl}/integration/v1/registrations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.config.integrationToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        org: branch.code, name: '郑小雨', idCard: ID_CARD, mobile: '13711112222', nation: '汉族',
        education: '本科在读', occupation: '学生', politicalOutlook: '共青团员', leagueSince: '2019-05',
      }),
    })
    expect(res.status).toBe(201)
    const { memberId } = (await res.json()) as { memberId: number }
    const status = () => stack.ctx.db.selectFrom('members').select('realname_status').where('id', '=', memberId).executeTakeFirstOrThrow()
    await until(async () => ((await status()).realname_status === 'failed' ? true : undefined), '未通过 after the first check')
    const started = Date.now()
    await until(async () => ((await status()).realname_status === 'passed' ? true : undefined), '通过 after the re-check')
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(provider.calls.filter((c) => c.idCard === ID_CARD)).toHaveLength(2)
    const cards = stack.simulator.control.messages().filter((m) => operators.some((o) => m.delivered.includes(o.wecomUserId!.toLowerCase())))
    expect(cards).toHaveLength(1)
    expect((cards[0].payload.textcard as { description: string }).description).toContain('郑小雨')
    const audit = await stack.ctx.db.selectFrom('audit_log').select(['summary', 'channel']).where('action', '=', 'realname.recheck_pass').execute()
    expect(audit).toEqual([{ summary: expect.stringContaining('郑小雨'), channel: 'system' }])
  })
})
