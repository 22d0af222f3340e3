/**
 * The corp the test suites log in to: one app trusting `app.test:8443` (the public origin of
 * the BFF under test), a second app for cross-app errors, members inside and outside the
 * visible scope, and a non-member.
 */
import type { MsClock } from './clock'
import type { SimulatorOptions } from './model'
import { startWecomSimulator, type WecomSimulator } from './server'

export const TEST_CORP = {
  corpId: 'ww5e3a1c0f2b9d8e77',
  agentId: '1000002',
  secret: 'test-secret-of-app-1000002-xxxxxxxxxxxx',
  otherAgentId: '1000003',
  otherSecret: 'test-secret-of-app-1000003-yyyyyyyyyyyy',
  /** Host of PUBLIC_BASE_URL in the tests; the simulator checks redirect_uri against it. */
  appHost: 'app.test:8443',
  appOrigin: 'http://app.test:8443',
  nonMemberOpenId: 'oAbCdEfNonMember0001',
} as const

const TEST_USERS = [
  { userid: 'zhangsan', name: '张三', org: '示范大学团委', mobile: '13800000001', department: [2] },
  { userid: 'LiSi', name: '李四', org: '计算机学院团总支', mobile: '13800000002', department: [3] },
  { userid: 'wangwu', name: '王五', org: '外单位', department: [9] },
]

function testCorpOptions(clock?: MsClock): SimulatorOptions {
  return {
    corpId: TEST_CORP.corpId,
    corpName: '测试企业',
    clock,
    agents: [
      {
        agentId: TEST_CORP.agentId,
        secret: TEST_CORP.secret,
        trustedDomains: [TEST_CORP.appHost],
        visibleUserIds: ['zhangsan', 'lisi'],
        name: '团务审核',
      },
      {
        agentId: TEST_CORP.otherAgentId,
        secret: TEST_CORP.otherSecret,
        trustedDomains: ['other.test'],
        name: '另一个应用',
      },
    ],
    users: TEST_USERS,
    nonMemberOpenIds: [TEST_CORP.nonMemberOpenId],
  }
}

export function startTestSimulator(clock?: MsClock, overrides: Partial<SimulatorOptions> = {}): Promise<WecomSimulator> {
  return startWecomSimulator({ ...testCorpOptions(clock), ...overrides })
}
