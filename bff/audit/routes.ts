import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Page, PageQuery } from '../../shared/api/common'
import { AuditEntry } from '../../shared/api/audit'
import type { AppContext } from '../context'
import { actorOf } from '../plugins/api-auth'
import { AppError } from '../errors'
import { listAudit } from './service'

export const auditRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // 操作日志 is the admin's (组织账号) view of its operators' actions (issue #5).
  app.get('/audit-log', { schema: { querystring: PageQuery, response: { 200: Page(AuditEntry) } } }, (req) => {
    const actor = actorOf(req)
    if (actor.kind !== 'admin') throw new AppError('FORBIDDEN', '只有组织账号（管理员）可以查看操作日志')
    return listAudit(ctx, actor, req.query)
  })
}
