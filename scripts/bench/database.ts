/** Where the bench's province lives: a temporary SQLite file, or a schema of its own on PostgreSQL (never touching what is there). */
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { openDatabase } from '../../bff/db/dialect'
import { createSchema, dropSchema } from './repository'

export async function benchDatabase(dir: string): Promise<{ url: string; drop(): Promise<void> }> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL
  if (!pgUrl) return { url: `sqlite:${join(dir, 'bench.db')}`, drop: async () => {} }
  const schema = `bench_${randomBytes(6).toString('hex')}`
  const admin = await openDatabase(pgUrl)
  await createSchema(admin.db, schema)
  await admin.close()
  const u = new URL(pgUrl)
  u.searchParams.set('options', `-c search_path=${schema}`)
  return {
    url: u.toString(),
    drop: async () => {
      const a = await openDatabase(pgUrl)
      await dropSchema(a.db, schema)
      await a.close()
    },
  }
}
