/**
 * The test corp's simulator (test-corp.ts) for one test file: started before the first test,
 * reset before each, closed after the last, on a manual clock the tests move forward (so no
 * test waits for a code or token to expire). The answer reads through to the running
 * simulator, so a test writes `sim.url`, `sim.control.reset()` and `sim.clock.advance(ms)`.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { manualClock, type ManualClock } from '../clock'
import type { WecomSimulator } from './server'
import { startTestSimulator } from './test-corp'

export interface TestSimulator extends Pick<WecomSimulator, 'url' | 'control' | 'sign'> {
  clock: ManualClock
}

export function useTestSimulator(): TestSimulator {
  const clock = manualClock('2026-11-20T02:00:00.000Z')
  let running: WecomSimulator | undefined
  const sim = (): WecomSimulator => {
    if (!running) throw new Error('the test simulator is used outside a test')
    return running
  }
  beforeAll(async () => {
    running = await startTestSimulator({ now: () => clock.now().getTime() })
  })
  afterAll(() => sim().close())
  beforeEach(() => sim().control.reset())
  return {
    clock,
    get url() {
      return sim().url
    },
    get control() {
      return sim().control
    },
    sign: (...args) => sim().sign(...args),
  }
}
