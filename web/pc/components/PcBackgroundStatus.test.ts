import { afterAll, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { stubApi } from '@/test-utils/api'
import { me } from '@/test-utils/fixtures'
import { useSessionStore } from '@/stores/session'
import { settleVantTimers } from '@/test-utils/mountPage'
import { cleanUpAfterEach } from '@/test-utils/cleanup'
import { setCsrfSource } from '@/api/http'
import type { BackgroundStatus } from '@/api/background'
import PcBackgroundStatus from './PcBackgroundStatus.vue'
import { click, bodyText, settle } from '../test-utils'

afterAll(settleVantTimers)
cleanUpAfterEach()

const healthy: BackgroundStatus = { jobsDue: 2, deliveriesPending: 0, lastJobError: null, lastDeliveryError: null, failedCount: 0, failedJobs: [] }
const failed: BackgroundStatus = {
  ...healthy,
  failedCount: 1,
  failedJobs: [{ id: 41, kind: 'realname_check', kindLabel: '实名认证核验', attempts: 10, lastError: '实名认证服务暂时不可用，稍后重试', failedAt: '2026-11-20T02:00:00.000Z' }],
}

/** The root organisation's admin: /api/me says it may read the background work. */
async function mountAsRootAdmin() {
  const pinia = createPinia()
  setActivePinia(pinia)
  await useSessionStore(pinia).load()
  return mount(PcBackgroundStatus, { attachTo: document.body, global: { plugins: [pinia] } })
}

describe('后台任务', () => {
  it('lists a job that used up its attempts with its error, and 重试 puts it back in the queue', async () => {
    setCsrfSource(() => 'tok')
    let current = failed
    const { calls } = stubApi({
      'GET /api/me': me({ seesBackground: true }),
      'GET /api/background': () => ({ body: current }),
      'POST /api/background/jobs/41/retry': () => {
        current = healthy
        return { body: { ok: true } }
      },
    })
    await mountAsRootAdmin()
    await settle()
    expect(bodyText()).toContain('失败任务：1 个')
    expect(bodyText()).toContain('实名认证核验')
    expect(bodyText()).toContain('实名认证服务暂时不可用，稍后重试')
    await click(document.querySelector('[aria-label="重试实名认证核验任务 41"]'))
    await settle()
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/background/jobs/41/retry' && c.headers['x-csrf-token'] === 'tok')).toBe(true)
    expect(bodyText()).toContain('运行正常，没有未处理的错误。')
    expect(document.querySelector('[aria-label^="重试"]')).toBeNull()
  })

  it('says all is well when nothing failed, without a failed-jobs table', async () => {
    stubApi({ 'GET /api/me': me({ seesBackground: true }), 'GET /api/background': healthy })
    await mountAsRootAdmin()
    await settle()
    expect(bodyText()).toContain('运行正常，没有未处理的错误。')
    expect(document.querySelector('table')).toBeNull()
  })
})
