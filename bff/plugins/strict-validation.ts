/**
 * Strict JSON bodies (issue #11 "Web security"): a body means exactly what it says.
 *
 * - No type coercion in bodies: `"reason": 123` is a 400 naming the field, never a reason
 *   "123"; `"ok": "false"` is not a boolean. Query strings and path parameters are text by
 *   nature, so they keep coercion (`?limit=20` is a number).
 * - Unknown body fields are refused, one way everywhere: every object in a body schema that
 *   does not say otherwise gets `additionalProperties: false`, so a misspelt or smuggled field
 *   (`"decidedBy": …`) is a 400 `不允许提交字段 …` instead of being silently ignored. Unknown
 *   query parameters are ignored (caches and WeCom add their own).
 * - Integers (ids, versions) stop at PostgreSQL's `integer` range: `"targetOrgId":
 *   1125899906842063` is a 400 naming the field, not a database error (fast-check found it).
 * - Size: every body is at most `BODY_LIMIT` unless its route says more (photo uploads,
 *   bff/reviews/routes.ts); a larger one is a 413 before it is parsed.
 */
import type { FastifyInstance, FastifySchema } from 'fastify'
import { Ajv, type Options } from 'ajv'

/** 64 KB: the largest JSON body (a batch of 200 ids with a reason) is a few kilobytes. */
export const BODY_LIMIT = 65_536

// Fastify's own defaults (@fastify/ajv-compiler), apart from coercion and additional fields.
const BASE: Options = { useDefaults: true, removeAdditional: false, allErrors: false, strict: false }
const bodies = new Ajv({ ...BASE, coerceTypes: false })
const textParts = new Ajv({ ...BASE, coerceTypes: 'array' })

type Json = unknown

type Node = Record<string, Json>

/** A copy of the schema with `fix` applied to every sub-schema (values of const/enum/default left as they are). */
function mapSchema(schema: Json, fix: (node: Node) => void): Json {
  if (Array.isArray(schema)) return schema.map((s) => mapSchema(s, fix))
  if (!schema || typeof schema !== 'object') return schema
  const copy: Node = {}
  for (const [k, v] of Object.entries(schema)) copy[k] = k === 'const' || k === 'enum' || k === 'default' ? v : mapSchema(v, fix)
  fix(copy)
  return copy
}

/** A copy of the schema with every object closed unless it states its own rule. */
export const closeObjects = (schema: Json): Json =>
  mapSchema(schema, (n) => {
    if (n.type === 'object' && n.properties && n.additionalProperties === undefined && n.patternProperties === undefined) n.additionalProperties = false
  })

/** The largest id PostgreSQL's `integer` holds: a larger number is a 400, never a database error. */
const INT32_MAX = 2_147_483_647

/** A copy of the schema where every integer without its own upper bound gets INT32_MAX. */
const boundIntegers = (schema: Json): Json =>
  mapSchema(schema, (n) => {
    if (n.type === 'integer' && n.maximum === undefined && n.exclusiveMaximum === undefined) n.maximum = INT32_MAX
  })

export function registerStrictValidation(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as FastifySchema | undefined
    if (!schema) return
    route.schema = {
      ...schema,
      ...(schema.body ? { body: closeObjects(boundIntegers(schema.body)) } : {}),
      ...(schema.params ? { params: boundIntegers(schema.params) } : {}),
      ...(schema.querystring ? { querystring: boundIntegers(schema.querystring) } : {}),
    }
  })
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodies : textParts).compile(schema))
}
