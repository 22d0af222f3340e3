/**
 * Every page of the phone app and of the PC workbench, with its dialogs, sheets and
 * confirmations open, in the light scheme: axe-core finds no serious or critical violation of
 * WCAG 2.2 AA, and nothing logs an error or fails a request (issue #15). The walk is a11y-walk.ts;
 * a11y-dark.e2e.ts runs it in the dark scheme on a stack of its own.
 */
import { describe, expect, it } from 'vitest'
import { useE2e } from './harness'
import { pcWalk, phoneWalk } from './a11y-walk'

const e2e = useE2e({ screenPrefix: 'a11y-' })

describe('accessibility and a quiet console on every page, light', () => {
  it('the phone app inside WeCom: every page, the 退回 and confirmation dialogs, the action sheets, a batch result and 分配', { timeout: 300_000 }, async () => {
    expect(await phoneWalk(e2e, 'light')).toEqual([])
  })

  it('the PC workbench: the login, every screen, the 审核 (同意 and 退回), 分配 and 批量发起转接 dialogs and their results', { timeout: 300_000 }, async () => {
    expect(await pcWalk(e2e, 'light')).toEqual([])
  })
})
