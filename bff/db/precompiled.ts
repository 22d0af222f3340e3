/**
 * A hot query built and compiled once per database handle, then run with new values
 * (issue #12). Kysely builds an immutable tree of nodes for every query and compiles it to SQL
 * on every call: on a list page that is a tenth of the request's CPU (`npm run bench --
 * --profile`). A query whose shape does not depend on its values is built once with named
 * slots where the values go; each call puts its values into the compiled parameters by slot.
 * Inside a transaction (a handle of its own each time) it is built as usual.
 */
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { Database } from './schema'

const SLOT = '\u0000slot:'

/** Stands for the value `name` while the query is built; typed as whatever the builder expects there. */
export type Slot = <T>(name: string) => T
const slot: Slot = <T>(name: string) => `${SLOT}${name}` as unknown as T

export function precompiled<Db extends Kysely<Database>, P extends Record<string, unknown>, R>(build: (db: Db, slot: Slot) => Compilable<R>) {
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; names: (string | null)[] }>()
  return async (db: Db, values: P): Promise<R[]> => {
    if (db.isTransaction) return (await db.executeQuery(build(db, <T>(name: string) => values[name] as T))).rows
    let c = compiled.get(db)
    if (!c) {
      const query = build(db, slot).compile()
      const names = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null))
      compiled.set(db, (c = { query, names }))
    }
    const { query, names } = c
    const parameters = query.parameters.map((p, i) => {
      const name = names[i]
      if (name === null) return p
      if (!(name in values)) throw new Error(`precompiled: no value for slot ${name}`)
      return values[name]
    })
    return (await db.executeQuery<R>({ ...query, parameters })).rows
  }
}

/**
 * One query precompiled per shape of its filter — which optional parts it has (a search, a
 * cursor…): `shapeOf` names a filter's shape, `build` builds the query of a shape with slots,
 * `valuesOf` gives a filter's values for the slots. Both 待审核 lists and their stamps (bff/kept-pages.ts).
 */
export function precompiledByShape<F, R>(
  shapeOf: (f: F) => string,
  build: (shape: string) => (db: Kysely<Database>, slot: Slot) => Compilable<R>,
  valuesOf: (f: F) => Record<string, unknown>,
): (db: Kysely<Database>, f: F) => Promise<R[]> {
  const shapes = new Map<string, (db: Kysely<Database>, values: Record<string, unknown>) => Promise<R[]>>()
  return (db, f) => {
    const shape = shapeOf(f)
    let run = shapes.get(shape)
    if (!run) shapes.set(shape, (run = precompiled(build(shape))))
    return run(db, valuesOf(f))
  }
}
