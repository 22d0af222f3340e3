/**
 * The attacker who decrypts nothing (issue #11 "Proof"): given every answer a viewer, an
 * operator and an admin of the member's own 团支部 can get, and a dump of every table without
 * DATA_KEY, try to rebuild the member's ID number. What is collected: each digit of the ID
 * shown in place (a masked ID such as `4403**********0011`), the birth date in any common
 * spelling, the full number, and an unkeyed hash of it (the classic mistake: SHA-256 of an ID is
 * a lookup table away). The rebuild must fail: at least four digits stay unknown — beyond the
 * check digit, which follows from the others.
 */
import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { useWorld } from '../test/world'
import { makeIdCard } from '../test/fixtures'

const w = useWorld()

/** Positions of the ID that `text` shows, from every 18-character masked or clear ID in it. */
function shownPositions(text: string, id: string): Set<number> {
  const shown = new Set<number>()
  for (const [candidate] of text.matchAll(/[0-9Xx*]{18}/g)) {
    const fits = [...candidate].every((c, i) => c === '*' || c.toUpperCase() === id[i])
    if (!fits) continue
    ;[...candidate].forEach((c, i) => c !== '*' && shown.add(i))
  }
  return shown
}

function birthDateSpellings(id: string): string[] {
  const [y, m, d] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)]
  return [`${y}${m}${d}`, `${y}-${m}-${d}`, `${y}/${m}/${d}`, `${y}年${Number(m)}月${Number(d)}日`, `${y}.${m}.${d}`]
}

function unkeyedHashes(id: string): string[] {
  return ['sha256', 'sha1', 'md5'].flatMap((alg) => [createHash(alg).update(id).digest('hex'), createHash(alg).update(id).digest('base64')])
}

/** Digits an attacker still does not know after reading `texts` (the check digit excluded). */
function unknownDigits(texts: string[], id: string): number {
  const known = new Set<number>([17]) // the check digit follows from the other seventeen
  for (const t of texts) {
    for (const i of shownPositions(t, id)) known.add(i)
    if (birthDateSpellings(id).some((s) => t.includes(s))) for (let i = 6; i < 14; i++) known.add(i)
    if (t.includes(id) || unkeyedHashes(id).some((h) => t.includes(h))) for (let i = 0; i < 18; i++) known.add(i)
  }
  return 18 - known.size
}

describe('nobody rebuilds an ID number from what they can read', () => {
  it('from every answer of a viewer, an operator and an admin, and from the database without DATA_KEY', async () => {
    const idCard = makeIdCard('20010923', '440305')
    const m = await w.member('a1', { idCard, name: '重建测试员', realNameStatus: 'failed' })
    const op = await w.as('a1op')
    // Something of everything: a decision in 操作日志, a change request, a transfer.
    await op.post(`/api/profile-reviews/${m.reviewId}/decision`, { decision: 'return', reason: '照片不清晰', version: 0 })
    const approved = await w.member('a1', { idCard: makeIdCard('19990101', '440305'), profileStatus: 'approved' })
    await w.changeRequest(approved.id, { occupation: '教师' })
    await w.transfer({ memberId: approved.id, fromOrg: w.orgs.a1, toOrg: w.orgs.b1, kind: 'in_province', initiator: 'member' })

    const urls = [
      '/api/me', '/api/dashboard', '/api/members', `/api/members?q=${encodeURIComponent('重建测试员')}`, `/api/members/${m.id}`,
      '/api/profile-reviews', '/api/profile-reviews?status=done', `/api/profile-reviews/${m.reviewId}`,
      '/api/transfers?box=todo', '/api/transfers?box=done', '/api/audit-log', '/api/backlog',
    ]
    for (const who of ['a1viewer', 'a1op', 'a1admin'] as const) {
      const c = await w.as(who, 'pc')
      const answers: string[] = []
      for (const url of urls) answers.push((await c.get(url)).body)
      expect(answers.join('\n')).toContain('重建测试员') // the attacker did reach the member
      expect(unknownDigits(answers, idCard), who).toBeGreaterThanOrEqual(4)
    }

    const dump: string[] = []
    const tables = [
      'organizations', 'accounts', 'members', 'profile_reviews', 'transfers', 'transfer_steps', 'audit_log', 'sessions', 'jobs',
      'offline_verifications', 'notification_events', 'notification_deliveries', 'reminders',
    ]
    for (const table of tables) {
      const rows = await w.ctx.db.selectFrom(table as 'members').selectAll().execute()
      dump.push(JSON.stringify(rows, (_k, v) => (v && typeof v === 'object' && v.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v)))
    }
    expect(dump.join('\n')).toContain('重建测试员')
    expect(unknownDigits(dump, idCard)).toBeGreaterThanOrEqual(4)
  })

  it('the attacker is not blind: a leaked birth date or an unkeyed hash would be caught', () => {
    const id = makeIdCard('20010923', '440305')
    expect(unknownDigits([`${id.slice(0, 4)}**********${id.slice(-4)}`], id)).toBe(10)
    expect(unknownDigits([`${id.slice(0, 4)}**********${id.slice(-4)}`, '出生日期 2001-09-23'], id)).toBe(2)
    expect(unknownDigits([createHash('sha256').update(id).digest('hex')], id)).toBe(0)
  })
})
