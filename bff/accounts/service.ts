/**
 * 组织账号 manage their organisation's operators (issue #5): list, add an operator or viewer,
 * change a role, disable, reset a password (a temporary one, shown once). Everyone can
 * change their own password. Every change is audited.
 */
import { randomInt } from 'node:crypto'
import type { AppContext } from '../context'
import type { DataCrypto } from '../security/data-crypto'
import type { Actor } from '../scope'
import type { AccountItem, CreateAccountBody } from '../../shared/api/accounts'
import { maskMobile } from '../../shared/idcard'
import { ACCOUNT_KINDS } from '../../shared/organizations'
import { AppError, uniqueAs } from '../errors'
import { hashPassword, verifyPassword } from '../security/password'
import { byActor, writeAudit, type RequestMeta } from '../audit/write'
import { deleteSessionsOfAccount, deleteOtherSessionsOfAccount } from '../sessions/repository'
import type { RateLimiter } from '../security/rate-limit'
import { forgetLoginFailures } from '../auth/login-throttle'
import {
  listAccountsOfOrg, findAccount, insertAccount, updateAccountRole, replacePassword, setNotificationsEnabled, accountMobile, accountMobileColumns,
  type AccountRow,
} from './repository'

const requireAdmin = (actor: Actor) => {
  if (actor.kind !== 'admin') throw new AppError('FORBIDDEN', '只有组织账号（管理员）可以管理运营者')
}

/** An answer's account: the phone number decrypted only to be masked (docs/DOMAIN.md §6a). */
function toItem(crypto: DataCrypto, r: AccountRow): AccountItem {
  const mobile = accountMobile(crypto, r)
  return {
    id: r.id, name: r.name, kind: r.kind, mobileMasked: mobile ? maskMobile(mobile) : null, wecomUserId: r.wecom_user_id,
    active: r.active === 1, hasPassword: !!r.password_hash, rootAdmin: r.root_admin === 1,
  }
}

export async function listAccounts(ctx: AppContext, actor: Actor): Promise<AccountItem[]> {
  requireAdmin(actor)
  return (await listAccountsOfOrg(ctx.db, actor.orgId, 500)).map((r) => toItem(ctx.crypto, r))
}

/** 12 characters without look-alikes (0/O, 1/l/I). */
function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789'
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('')
}

export async function createAccount(ctx: AppContext, actor: Actor, body: CreateAccountBody, meta: RequestMeta) {
  requireAdmin(actor)
  const password = temporaryPassword()
  const hash = await hashPassword(password)
  const now = ctx.clock.now().toISOString()
  const id = await uniqueAs(
    () => ctx.db.transaction().execute(async (trx) => {
      // A phone number already taken is a unique violation of accounts_mobile_hash (migration 0012).
      const id = await insertAccount(trx, {
        org_id: actor.orgId, kind: body.kind, name: body.name.trim(), ...accountMobileColumns(ctx.crypto, body.mobile),
        wecom_user_id: body.wecomUserId ?? null, password_hash: hash, created_at: now,
      })
      await writeAudit(trx, {
        ...byActor(actor, meta, now), action: 'account.update', objectType: 'account', objectId: id,
        summary: `新增${ACCOUNT_KINDS[body.kind]}：${body.name}（${maskMobile(body.mobile)}）`,
      })
      return id
    }),
    () => new AppError('DUPLICATE', '该手机号码或企业微信账号已绑定其他账号'),
  )
  return { account: toItem(ctx.crypto, (await findAccount(ctx.db, id))!), temporaryPassword: password }
}

async function ownAccount(ctx: AppContext, actor: Actor, id: number): Promise<AccountRow> {
  const row = await findAccount(ctx.db, id)
  if (!row || row.org_id !== actor.orgId) throw new AppError('NOT_FOUND')
  if (row.kind === 'admin') throw new AppError('FORBIDDEN', '不能修改组织账号本身')
  return row
}

export async function updateAccount(ctx: AppContext, actor: Actor, id: number, body: { kind?: 'operator' | 'viewer'; active?: boolean }, meta: RequestMeta) {
  requireAdmin(actor)
  const row = await ownAccount(ctx, actor, id)
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await updateAccountRole(trx, row, { ...(body.kind ? { kind: body.kind } : {}), ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}) })
    // A disabled account or a changed role must not keep acting through an open session.
    await deleteSessionsOfAccount(trx, id)
    const what = [body.kind ? `角色改为${ACCOUNT_KINDS[body.kind]}` : null, body.active === undefined ? null : body.active ? '启用' : '停用'].filter(Boolean).join('，')
    await writeAudit(trx, {
      ...byActor(actor, meta, now), action: 'account.update', objectType: 'account', objectId: id,
      summary: `${row.name}：${what || '无变化'}`,
    })
  })
  return toItem(ctx.crypto, (await findAccount(ctx.db, id))!)
}

export async function resetPassword(ctx: AppContext, actor: Actor, id: number, meta: RequestMeta) {
  requireAdmin(actor)
  const row = await ownAccount(ctx, actor, id)
  const password = temporaryPassword()
  const hash = await hashPassword(password)
  const now = ctx.clock.now().toISOString()
  await ctx.db.transaction().execute(async (trx) => {
    await replacePassword(trx, row, hash)
    await deleteSessionsOfAccount(trx, id)
    await writeAudit(trx, {
      ...byActor(actor, meta, now), action: 'account.password_reset', objectType: 'account', objectId: id,
      summary: `重置${row.name}的密码`,
    })
  })
  // Whoever was slowed down guessing this account's password gets a fresh start with the new one.
  await forgetLoginFailures(ctx, id)
  return { account: toItem(ctx.crypto, { ...row, password_hash: hash }), temporaryPassword: password }
}

/**
 * Changing one's own password (issue #11): throttled per account, since the current password
 * is asked and a stolen session must not become a guessing machine for it; it ends every other
 * sign-in of the account (whoever knew the old password is out) and is audited.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  actor: Actor,
  body: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
  opts: { sessionId: string; limiter: RateLimiter },
) {
  opts.limiter.hit(actor.accountId)
  const row = (await findAccount(ctx.db, actor.accountId))!
  if (!row.password_hash || !(await verifyPassword(body.currentPassword, row.password_hash))) {
    throw new AppError('VALIDATION', 'currentPassword: 当前密码不正确', { fields: [{ path: 'currentPassword', message: '当前密码不正确' }] })
  }
  if (body.newPassword === body.currentPassword) {
    throw new AppError('VALIDATION', 'newPassword: 新密码不能与当前密码相同', { fields: [{ path: 'newPassword', message: '新密码不能与当前密码相同' }] })
  }
  const hash = await hashPassword(body.newPassword)
  await ctx.db.transaction().execute(async (trx) => {
    await replacePassword(trx, row, hash)
    const ended = await deleteOtherSessionsOfAccount(trx, actor.accountId, opts.sessionId)
    await writeAudit(trx, {
      ...byActor(actor, meta, ctx.clock.now().toISOString()), action: 'account.password_change',
      objectType: 'account', objectId: actor.accountId,
      summary: `${actor.accountName}修改了自己的密码${ended ? `，其他${ended}处登录已退出` : ''}`,
    })
  })
  return { ok: true as const }
}

/** Operators switch WeCom notifications off and on in 我的 (issue #6). */
export async function setOwnNotifications(ctx: AppContext, actor: Actor, enabled: boolean) {
  await setNotificationsEnabled(ctx.db, actor.accountId, enabled)
  return { ok: true as const }
}
