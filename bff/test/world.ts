/**
 * The world of an API test: the fixture province (bff/test/fixtures.ts — organisations,
 * accounts at every level) with the app over it, fresh for every test, and short verbs for
 * what a test sets up, so that a test shows only what it checks:
 *
 *   const w = useWorld()
 *
 *   it('an operator sees the registrations of the own 团支部', async () => {
 *     const m = await w.member('a1')
 *     const op = await w.as('a1op')
 *     expect((await op.get(`/api/profile-reviews/${m.reviewId}`)).statusCode).toBe(200)
 *   })
 *
 * Everything goes through the real database and the real app (`inject`); sessions are made
 * by the session service, as a login makes them.
 */
import { afterEach, beforeEach } from 'vitest'
import type { FastifyInstance } from 'fastify'
import type { Channel } from '../../shared/organizations'
import type { ProfileField } from '../../shared/members'
import type { OrgRow } from '../orgs/repository'
import { loginAs, type TestClient, type TestContext } from './context'
import { addChangeRequest, addMember, addTransfer, provinceApp, type MemberSeed, type Province } from './fixtures'

type AccountKey = keyof Province['accounts']
type OrgKey = keyof Province['orgs']

export interface World extends Province {
  ctx: TestContext
  app: FastifyInstance
  /** A signed-in client of a fixture account (or any account id), on the phone unless told. */
  as(account: AccountKey | number, channel?: Channel): Promise<TestClient>
  /** A member of a fixture organisation; a pending registration (the default) gets its review. */
  member(org: OrgKey | OrgRow, seed?: MemberSeed): ReturnType<typeof addMember>
  /** A pending 修改资料 request of a member. */
  changeRequest(memberId: number, changes: Partial<Record<ProfileField, string>>): Promise<number>
  /** A 转接 application with its route, as insertTransfer writes one. */
  transfer(n: Parameters<typeof addTransfer>[1]): Promise<number>
}

/** Registers the hooks that build a fresh world before each test and close it after. */
export function useWorld(env: Record<string, string> = {}): World {
  let close: () => Promise<void> = async () => undefined
  const w = {
    as: (account: AccountKey | number, channel?: Channel) => loginAs(w.app, w.ctx, typeof account === 'number' ? account : w.accounts[account], channel),
    member: (org: OrgKey | OrgRow, seed?: MemberSeed) => addMember(w.ctx, typeof org === 'string' ? w.orgs[org] : org, seed),
    changeRequest: (memberId: number, changes: Partial<Record<ProfileField, string>>) => addChangeRequest(w.ctx, memberId, changes),
    transfer: (n: Parameters<typeof addTransfer>[1]) => addTransfer(w.ctx, n),
  } as World
  beforeEach(async () => {
    const made = await provinceApp(env)
    close = made.close
    Object.assign(w, { ctx: made.ctx, app: made.app, orgs: made.p.orgs, accounts: made.p.accounts })
  })
  afterEach(() => close())
  return w
}
