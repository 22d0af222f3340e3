import { describe, expect, it } from 'vitest'
import { decideReview, offlinePass, canSubmitRegistration, canSubmitChange, canWithdrawRegistration, type ReviewFacts } from './workflow'

const reg: ReviewFacts = { kind: 'registration', state: 'pending', realNameStatus: 'passed', leagueStatus: 'normal' }
const change: ReviewFacts = { ...reg, kind: 'change' }

describe('deciding a profile review', () => {
  it.each([
    ['a decided review', { state: 'approved' }, 'approve', 'CONFLICT'],
    ['a returned review', { state: 'returned' }, 'return', 'CONFLICT'],
    ['a withdrawn review', { state: 'withdrawn' }, 'approve', 'CONFLICT'],
    ['a pending real-name check', { realNameStatus: 'pending' }, 'approve', 'REALNAME_PENDING'],
    ['a failed real-name check on mobile', { realNameStatus: 'failed' }, 'approve', 'REALNAME_OFFLINE_REQUIRED'],
    ['a member whose 团籍 is disabled', { leagueStatus: 'disabled' }, 'approve', 'LEAGUE_STATUS_ABNORMAL'],
  ] as const)('refuses %s', (_l, patch, decision, code) => {
    expect(decideReview({ ...reg, ...patch }, decision, 'x', 'mobile')).toEqual({ ok: false, code })
  })

  it('refuses to approve a failed real-name check on PC too: that goes through offline verification', () => {
    expect(decideReview({ ...reg, realNameStatus: 'failed' }, 'approve', undefined, 'pc')).toEqual({ ok: false, code: 'REALNAME_OFFLINE_REQUIRED' })
  })

  it.each([
    [undefined, 'REASON_REQUIRED'],
    ['   ', 'REASON_REQUIRED'],
    ['字'.repeat(250), 'REASON_TOO_LONG'],
  ])('a return with reason %j is refused with %s', (reason, code) => {
    expect(decideReview(reg, 'return', reason, 'mobile')).toEqual({ ok: false, code })
  })

  it('a return with 249 characters is accepted, trimmed', () => {
    const r = decideReview(reg, 'return', `  ${'字'.repeat(249)}  `, 'mobile')
    expect(r).toMatchObject({ ok: true, state: 'returned', memberStatus: 'registration_returned', reason: '字'.repeat(249) })
  })

  it('returning is allowed whatever the real-name status', () => {
    for (const s of ['pending', 'failed', 'passed'] as const) {
      expect(decideReview({ ...reg, realNameStatus: s }, 'return', '资料有误', 'mobile').ok).toBe(true)
    }
  })

  it.each(['passed', 'offline_passed'] as const)('approves a registration whose real-name is %s', (s) => {
    expect(decideReview({ ...reg, realNameStatus: s }, 'approve', undefined, 'mobile')).toMatchObject({ ok: true, memberStatus: 'approved', applyChanges: false })
  })

  it('approving a change applies the new values; returning it keeps the old ones', () => {
    expect(decideReview(change, 'approve', undefined, 'mobile')).toMatchObject({ ok: true, memberStatus: 'approved', applyChanges: true })
    expect(decideReview(change, 'return', '入团年月有误', 'mobile')).toMatchObject({ ok: true, memberStatus: 'change_returned', applyChanges: false })
  })
})

describe('offline verification', () => {
  const failed = { ...reg, realNameStatus: 'failed' as const }
  it('is refused on mobile', () => {
    expect(offlinePass(failed, '已核验', 'mobile')).toEqual({ ok: false, code: 'REALNAME_OFFLINE_REQUIRED' })
  })
  it('is refused for a member whose check passed', () => {
    expect(offlinePass(reg, '已核验', 'pc')).toEqual({ ok: false, code: 'REALNAME_NOT_FAILED' })
  })
  it('needs an explanation', () => {
    expect(offlinePass(failed, ' ', 'pc')).toEqual({ ok: false, code: 'REASON_REQUIRED' })
  })
  it('approves and marks 线下通过', () => {
    expect(offlinePass(failed, '已线下核验身份证原件', 'pc')).toMatchObject({ ok: true, state: 'approved', realNameStatus: 'offline_passed' })
  })
})

describe('member submissions', () => {
  it.each([
    [null, true], ['registration_returned', true], ['registration_withdrawn', true],
    ['registration_pending', false], ['approved', false], ['change_pending', false],
  ] as const)('a registration from %s is allowed: %s', (status, allowed) => {
    expect(canSubmitRegistration(status)).toBe(allowed)
  })
  it.each([
    ['approved', true], ['change_returned', true], ['change_pending', false], ['registration_pending', false],
  ] as const)('a change request from %s is allowed: %s', (status, allowed) => {
    expect(canSubmitChange(status)).toBe(allowed)
  })
  it('only a pending registration can be withdrawn', () => {
    expect(canWithdrawRegistration('registration_pending', 'pending')).toBe(true)
    expect(canWithdrawRegistration('approved', 'approved')).toBe(false)
  })
})
