/**
 * A list page kept while the rows it was built from are the same (issue #12). In the season the
 * operators of one organisation — 32 at once in a 团委 — open the same 待审核 page until one of
 * them decides. Each request still asks the database: either the page's own query, or — the
 * two 待审核 lists — a narrow one over the same index in the same order that answers each row's
 * stamps (its id and its version, and its member's version: todoStamps,
 * pendingReviewStamps), with the page's rows read only when the stamps changed. When every
 * value answered equals the kept one's, and so does every value the page derives from
 * elsewhere (the clock's 48-hour bound), the kept page object is answered again, and with it
 * the JSON already written for it (keptJson) and the compressed bytes of that JSON
 * (plugins/compressed-answers.ts).
 *
 * Nothing here can answer stale: a decision bumps the row's version, a renamed member bumps
 * the member's version and their applications', a new application changes the rows; a page
 * built from its rows is kept under those rows' own stamps (KeptPages.stamped); organisations are never renamed (their cache, orgs/repository.ts, relies on that too). Kept
 * per database handle, so two databases in one process (tests) never share a page.
 */
import fastJson from 'fast-json-stringify'
import type { TSchema } from 'typebox'

type Row = Readonly<Record<string, unknown>>

interface Kept<P> {
  rows: readonly Row[]
  derived: readonly unknown[]
  page: P
}

/** Two lists of rows from one query with the same values, column for column. */
export function sameRows(a: readonly Row[], b: readonly Row[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) {
    const x = a[i]
    const y = b[i]
    let columns = 0
    for (const k in x) {
      if (x[k] !== y[k]) return false
      columns++
    }
    for (const k in y) if (Object.hasOwn(y, k)) columns--
    if (columns !== 0) return false
  }
  return true
}

const sameValues = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i])

export class KeptPages<P> {
  private readonly byDb = new WeakMap<object, Map<string, Kept<P>>>()

  /**
   * `max` pages a database handle, least recently used dropped first; only pages of at most
   * `maxRows` rows (the app asks for 20; a script walking a list 100 at a time is not the season).
   */
  constructor(private readonly max: number, private readonly maxRows = 50) {}

  /**
   * The page of `rows` for the request `key` (the organisation and the query): the kept one when
   * the rows and `derived` (what the page derives from elsewhere) are the same, else `build()`,
   * kept from now on.
   */
  page(db: object, key: string, rows: readonly Row[], derived: readonly unknown[], build: () => P | Promise<P>): Promise<P> {
    return this.serve(db, key, rows, (hit) => sameValues(hit.derived, derived), async () => ({ page: await build(), rows, derived }))
  }

  /**
   * The page for `key` by its stamps (a narrow query over the page's index, read first): the
   * kept one when the stamps are the same and `fresh` holds of it (its 超时 flags against
   * today's bound), else `load()`'s page, kept under the stamps of the rows it was built from —
   * not under the ones read before: a row that arrived between the two reads and left again
   * would bring those back, with its page still showing it.
   */
  stamped(db: object, key: string, stamps: readonly Row[], fresh: (kept: P) => boolean, load: () => Promise<{ page: P; stamps: readonly Row[] }>): Promise<P> {
    return this.serve(db, key, stamps, (hit) => fresh(hit.page), async () => {
      const { page, stamps: own } = await load()
      return { page, rows: own, derived: [] }
    })
  }

  private async serve(db: object, key: string, rows: readonly Row[], still: (hit: Kept<P>) => boolean, build: () => Promise<Kept<P>>): Promise<P> {
    let kept = this.byDb.get(db)
    if (!kept) this.byDb.set(db, (kept = new Map()))
    const hit = kept.get(key)
    if (hit) {
      kept.delete(key)
      if (sameRows(hit.rows, rows) && still(hit)) {
        kept.set(key, hit)
        return hit.page
      }
    }
    const built = await build()
    if (built.rows.length > this.maxRows) return built.page
    kept.set(key, built)
    if (kept.size > this.max) kept.delete(kept.keys().next().value!)
    return built.page
  }
}

/**
 * A serializer that writes a page object once: a kept page (KeptPages) is answered with the
 * JSON written for it the first time. The JSON is made flat once, so the compression cache
 * compares it in one step.
 */
export function keptJson<P extends object>(serialize: (page: P) => string): (page: P) => string {
  const written = new WeakMap<P, string>()
  return (page) => {
    let json = written.get(page)
    if (json === undefined) {
      json = serialize(page)
      // One read makes a string built of many pieces flat; every later read of it is then cheap.
      json.charCodeAt(0)
      written.set(page, json)
    }
    return json
  }
}

/**
 * A list route's serializerCompiler for kept pages: keptJson over its schema's own serializer
 * (what Fastify would compile for it), or over a hand-written one of the same output.
 */
export function keptPageSerializer(serialize?: (page: object) => string) {
  return ({ schema }: { schema: TSchema }) => keptJson(serialize ?? (fastJson(schema) as (page: object) => string)) as (data: unknown) => string
}
