/**
 * Vitest global setup of the node suites (docs/CONTRACT.md TEST_DATABASE_URL, issue #10):
 * when TEST_DATABASE_URL names a PostgreSQL server, the run gets a database of its own —
 * created here, handed to the test workers through TEST_DATABASE_URL, dropped when the run
 * ends — so runs of several people on one server never see each other's tables and nothing
 * is left behind. Inside it each test still takes a fresh schema (bff/test/context.ts).
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export default async function setup(): Promise<(() => Promise<void>) | void> {
  const given = process.env.TEST_DATABASE_URL
  if (!given) return
  const name = `tuanwu_test_${process.pid}_${randomBytes(4).toString('hex')}`
  try {
    await onServer(given, `create database ${name}`)
  } catch (e) {
    throw new Error(`TEST_DATABASE_URL=${given}: 无法在该 PostgreSQL 上创建测试数据库 ${name}：${(e as Error).message}`)
  }
  const url = new URL(given)
  url.pathname = `/${name}`
  // Workers start after the global setup and inherit this environment.
  process.env.TEST_DATABASE_URL = url.toString()
  return async () => {
    process.env.TEST_DATABASE_URL = given
    // WITH (FORCE) ends connections a crashed test left open (PostgreSQL 13+).
    await onServer(given, `drop database if exists ${name} with (force)`)
  }
}
