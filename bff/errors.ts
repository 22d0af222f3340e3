/**
 * One error shape for the whole API (docs/ARCHITECTURE.md principle 4): `{code, message}` with a
 * machine code the UI switches on; 4xx messages in Chinese; 5xx details never leave the server.
 */
import type { FastifyError, FastifyInstance } from 'fastify'
import { ERRORS, type ErrorCode, type ApiError } from '../shared/errors'
import { isUniqueViolation, isBusy } from './db/dialect'

export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: Partial<ApiError> = {},
  ) {
    super(message ?? ERRORS[code].message)
    this.status = ERRORS[code].status
  }
}

/**
 * Someone else decided first: the row changed since it was read (a second decision, a stale
 * version, a lost race). Thrown by `expectChanged` (bff/db/guarded.ts) for a guarded write and
 * by a service that sees the stale version before writing; always a 409 `CONFLICT`.
 */
export class StaleError extends AppError {
  constructor(message?: string) {
    super('CONFLICT', message)
  }
}

export const fail = (code: ErrorCode, message?: string, extra?: Partial<ApiError>): never => {
  throw new AppError(code, message, extra)
}

/** Human words for JSON-schema rules, so a 400 names the field and the rule in Chinese. */
function describeRule(e: { keyword: string; params: Record<string, unknown>; message?: string }): string {
  const p = e.params
  switch (e.keyword) {
    case 'required': return `缺少必填项 ${String(p.missingProperty ?? p.requiredProperties ?? '')}`.trim()
    case 'maxLength': return `不能超过${p.limit}个字符`
    case 'minLength': return `不能少于${p.limit}个字符`
    case 'maximum': return `不能大于${p.limit}`
    case 'minimum': return `不能小于${p.limit}`
    case 'maxItems': return `最多${p.limit}项`
    case 'minItems': return `至少${p.limit}项`
    case 'type': return `类型不正确，应为${({ integer: '整数', number: '数字', string: '文本', boolean: '布尔值', object: '对象', array: '数组' } as Record<string, string>)[String(p.type)] ?? p.type}`
    case 'anyOf': case 'enum': case 'const': return '取值不在允许范围内'
    case 'pattern': case 'format': return '格式不正确'
    case 'additionalProperties': return `不允许提交字段 ${String(p.additionalProperty)}`
    default: return '不符合要求'
  }
}

function fieldPath(instancePath: string, params: Record<string, unknown>): string {
  const base = instancePath.replace(/^\//, '').replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')
  const extra = params.missingProperty ?? params.additionalProperty
  if (extra) return base ? `${base}.${extra}` : String(extra)
  return base || '(请求体)'
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.extra.retryAfter) reply.header('retry-after', String(err.extra.retryAfter))
      return reply.status(err.status).send({ code: err.code, message: err.message, ...err.extra })
    }
    const fe = err as FastifyError
    if (fe.validation) {
      // AJV reports one error per failing branch of a union; keep the first per field.
      const seen = new Set<string>()
      const fields: { path: string; message: string }[] = []
      for (const v of fe.validation) {
        // Body fields are named bare (`members[3].idCard` style); query and path parameters say where they came from.
        const where = fe.validationContext && fe.validationContext !== 'body' ? `${fe.validationContext}.` : ''
        const path = `${where}${fieldPath(v.instancePath, v.params as Record<string, unknown>)}`
        if (seen.has(path)) continue
        seen.add(path)
        fields.push({ path, message: describeRule(v as never) })
      }
      const message = fields.map((f) => `${f.path}: ${f.message}`).join('；')
      return reply.status(400).send({ code: 'VALIDATION', message, fields })
    }
    if (fe.statusCode === 413 || fe.code === 'FST_REQ_FILE_TOO_LARGE' || fe.code === 'FST_FILES_LIMIT') {
      return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE.message })
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message })
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST.message })
    }
    if (isBusy(err)) {
      // Another process holds the write lock longer than the busy timeout: retry shortly.
      request.log.warn({ code: (err as { code?: string }).code }, 'database busy')
      return reply.status(503).header('retry-after', '1').send({ code: 'BUSY', message: ERRORS.BUSY.message })
    }
    request.log.error({ err }, 'unhandled error')
    return reply.status(500).send({ code: 'INTERNAL', message: ERRORS.INTERNAL.message })
  })
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: ERRORS.NOT_FOUND.message })
  })
}

/**
 * Runs a transaction whose integrity a unique index guards (two racing requests): the loser's
 * unique violation becomes the given answer instead of a 500.
 */
export async function uniqueAs<T>(work: () => Promise<T>, answer: () => AppError): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (isUniqueViolation(err)) throw answer()
    throw err
  }
}
