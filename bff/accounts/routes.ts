import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { IdParam, Ok } from '../../shared/api/common'
import { AccountItem, CreateAccountBody, UpdateAccountBody, TemporaryPassword, ChangePasswordBody } from '../../shared/api/accounts'
import type { AppContext } from '../context'
import { actorOf, metaOf } from '../plugins/api-auth'
import { createRateLimiter } from '../security/rate-limit'
import { PASSWORD_CHANGES_PER_HOUR } from '../../shared/limits'
import { listAccounts, createAccount, updateAccount, resetPassword, changeOwnPassword } from './service'

export const accountRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get('/accounts', { schema: { response: { 200: Type.Object({ items: Type.Array(AccountItem) }) } } }, async (req) => ({
    items: await listAccounts(ctx, actorOf(req)),
  }))
  app.post('/accounts', { schema: { body: CreateAccountBody, response: { 200: TemporaryPassword } } }, (req) =>
    createAccount(ctx, actorOf(req), req.body, metaOf(req)),
  )
  app.put('/accounts/:id', { schema: { params: IdParam, body: UpdateAccountBody, response: { 200: AccountItem } } }, (req) =>
    updateAccount(ctx, actorOf(req), req.params.id, req.body, metaOf(req)),
  )
  app.post('/accounts/:id/reset-password', { schema: { params: IdParam, response: { 200: TemporaryPassword } } }, (req) =>
    resetPassword(ctx, actorOf(req), req.params.id, metaOf(req)),
  )
  const passwordLimiter = createRateLimiter({
    limit: PASSWORD_CHANGES_PER_HOUR, windowMs: 3_600_000, clock: ctx.clock, message: `每小时最多尝试修改密码${PASSWORD_CHANGES_PER_HOUR}次，请稍后再试`,
  })
  app.post('/me/password', { schema: { body: ChangePasswordBody, response: { 200: Ok } } }, (req) =>
    changeOwnPassword(ctx, actorOf(req), req.body, metaOf(req), { sessionId: req.session!.id, limiter: passwordLimiter }),
  )
}
