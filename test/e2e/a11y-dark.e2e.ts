/**
 * The walk of a11y.e2e.ts in the dark scheme (issue #15): the WeCom client and the system in
 * dark mode, every page of both sites with its dialogs, sheets and confirmations open — axe-core
 * (colour contrast included) finds no serious or critical violation of WCAG 2.2 AA, and nothing
 * logs an error or fails a request. A stack of its own: the walk decides things.
 */
import { describe, expect, it } from 'vitest'
import { useE2e } from './harness'
import { pcWalk, phoneWalk } from './a11y-walk'

const e2e = useE2e({ screenPrefix: 'a11y-dark-' })

describe('accessibility and a quiet console on every page, dark', () => {
  it('the phone app inside WeCom: every page, the 退回 and confirmation dialogs, the action sheets, a batch result and 分配', { timeout: 300_000 }, async () => {
    expect(await phoneWalk(e2e, 'dark')).toEqual([])
  })

  it('the PC workbench: the login, every screen, the 审核 (同意 and 退回), 分配 and 批量发起转接 dialogs and their results', { timeout: 300_000 }, async () => {
    expect(await pcWalk(e2e, 'dark')).toEqual([])
  })
})
