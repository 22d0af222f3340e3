import type { AccountItem, CreateAccountBody, UpdateAccountBody } from '@shared/api/accounts'

export type { UpdateAccountBody }
import { request } from './http'

/** An account with its temporary password, shown once (new account, reset). */
export interface WithTemporaryPassword {
  account: AccountItem
  temporaryPassword: string
}

/** 运营者管理 (组织账号 only): the accounts of this organisation. */
export const listAccounts = () => request<{ items: AccountItem[] }>('GET', '/api/accounts')
export const createAccount = (body: CreateAccountBody) => request<WithTemporaryPassword>('POST', '/api/accounts', { body })
export const updateAccount = (id: number, body: UpdateAccountBody) => request<AccountItem>('PUT', `/api/accounts/${id}`, { body })
export const resetPassword = (id: number) => request<WithTemporaryPassword>('POST', `/api/accounts/${id}/reset-password`)
/** Everyone: 修改密码. */
export const changeOwnPassword = (body: { currentPassword: string; newPassword: string }) =>
  request<{ ok: true }>('POST', '/api/me/password', { body })
