/**
 * What the 资料审核 browser tests on the phone share (mobile-reviews*.e2e.ts): the branch whose
 * operators they log in as, its pending requests read straight from the database, and the
 * parts of the screen they look at.
 */
import type { Page } from 'playwright-core'
import type { RealNameStatus, ReviewKind } from '../../shared/reviews'
import { screenshot, type E2e } from './harness'

/** Two 运营者 of the same 团支部 in the demo data (docs/DOMAIN.md §1). */
export const OPERATOR = 'zhangwei'
export const COLLEAGUE = 'lina'

export interface PendingReview {
  id: number
  memberId: number
  name: string
  kind: ReviewKind
  realName: RealNameStatus
  submittedAt: string
}

/** The database side, read through the file's stack. */
export function branchReviews(e2e: E2e) {
  /** The pending 资料审核 requests of `userid`'s branch, newest first as the list shows them. */
  async function pendingReviews(userid: string, where: { kind?: ReviewKind; realName?: RealNameStatus } = {}): Promise<PendingReview[]> {
    let q = e2e.stack.ctx.db
      .selectFrom('profile_reviews as r')
      .innerJoin('members as m', 'm.id', 'r.member_id')
      .innerJoin('organizations as o', 'o.id', 'r.org_id')
      .select(['r.id', 'm.id as memberId', 'm.name', 'r.kind', 'm.realname_status as realName', 'r.submitted_at as submittedAt'])
      .where('o.code', '=', e2e.stack.account(userid).orgCode)
      .where('r.state', '=', 'pending')
    if (where.kind) q = q.where('r.kind', '=', where.kind)
    if (where.realName) q = q.where('m.realname_status', '=', where.realName)
    return q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').execute()
  }

  /** One pending request of the operator's branch; the test cannot run without it. */
  async function aPendingReview(where: { kind?: ReviewKind; realName?: RealNameStatus }, pick: (r: PendingReview) => boolean = () => true) {
    const found = (await pendingReviews(OPERATOR, where)).find(pick)
    if (!found) throw new Error(`the demo data has no pending review like ${JSON.stringify(where)} left`)
    return found
  }

  const memberStatus = async (memberId: number) =>
    (await e2e.stack.ctx.db.selectFrom('members').select('profile_status').where('id', '=', memberId).executeTakeFirstOrThrow()).profile_status

  return { pendingReviews, aPendingReview, memberStatus }
}

export const isDecision = (id: number) => (url: URL) => url.pathname === `/api/profile-reviews/${id}/decision`

/** The row of `name` in the list on screen. */
export const card = (page: Page, name: string) => page.getByRole('link').filter({ hasText: name })
/** The open Vant dialog that says `text` (Vant's aria-labelledby holds text, not an id: filter by content). */
export const dialog = (page: Page, text: string) => page.getByRole('dialog').filter({ hasText: text })
export const toast = (page: Page, text: string) => page.locator('.van-toast').filter({ hasText: text })
/** What the phone shows (the viewport): fixed bars, dialogs and toasts where the operator sees them. */
export const shot = (page: Page, name: string) => screenshot(page, name, { fullPage: false })

/** Opens the detail of `review` from the 资料审核 list. */
export async function openFromList(page: Page, review: PendingReview) {
  await card(page, review.name).click()
  await page.waitForURL((u) => u.hash === `#/reviews/${review.id}`)
  await page.locator('.review-head').getByText(review.name).waitFor()
}

/** Back on the 资料审核 list (not a detail). */
export const onList = (u: URL) => u.hash.startsWith('#/reviews') && !u.hash.startsWith('#/reviews/')
