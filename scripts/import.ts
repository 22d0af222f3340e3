/**
 * `npm run import -- FILE` (docs/CONTRACT.md "Import file"): loads FILE into DATABASE_URL, all or
 * nothing. A bad file prints one problem per line on stderr — `members[12].idCard: 校验码错误`
 * — and exits 1 with nothing written. Output never shows a full ID number.
 *
 * DATA_KEY is required (ID numbers are stored encrypted under it); when it is not set and
 * the demo's secrets file exists (written by `npm start`), the demo's key is used.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dataKeyFrom, Refusal } from './data-key'
import { openDatabase, isUniqueViolation } from '../bff/db/dialect'
import { createDataCrypto } from '../bff/security/data-crypto'
import { runImport, rowsPerSecond } from '../bff/import/run'
import { formatProblem, scrubIdNumbers } from '../bff/import/problems'
import { DataKeyMismatch } from '../bff/import/read-existing'
import type { ImportCounts } from '../bff/import/format'
import { parseDurations, DEFAULT_RECHECK_DELAYS } from '../bff/config'
import { progress, type Progress } from './progress'

const say = (line: string) => console.log(scrubIdNumbers(line))
const complain = (line: string) => console.error(scrubIdNumbers(line))

/** REALNAME_RECHECK_DELAYS as the server reads it: imported 未通过 members get their re-checks at those times. */
function recheckDelays(env: NodeJS.ProcessEnv): number[] {
  try {
    return parseDurations(env.REALNAME_RECHECK_DELAYS || DEFAULT_RECHECK_DELAYS)
  } catch (e) {
    throw new Refusal((e as Error).message)
  }
}

/** JSON.parse's message names a character position; people want line and column. */
function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    const message = (e as Error).message
    const at = /position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? String(text.length) : null)
    let where = ''
    if (at !== null) {
      const before = text.slice(0, Number(at)).split('\n')
      where = `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列（位置 ${at}）`
    }
    throw new Refusal(`${file} 不是有效的 JSON${where ? `：${where}` : ''}：${message}`)
  }
}

function summary(c: ImportCounts, ms: number): string {
  return [
    `导入完成，用时 ${(ms / 1000).toFixed(2)} 秒，共写入 ${c.rows} 行（${rowsPerSecond(c, ms)} 行/秒）：`,
    `  组织 ${c.organizations}，账号 ${c.accounts}，团员 ${c.members}（其中报到审核记录 ${c.registrationReviews}），`,
    `  修改资料申请 ${c.changeRequests}，组织关系转接申请 ${c.transfers}；排队的实名认证核验 ${c.realNameChecks}`,
  ].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const file = argv[0]
  if (!file || argv.length > 1) throw new Refusal('用法：npm run import -- 导入文件.json')
  if (!existsSync(file)) throw new Refusal(`找不到文件 ${file}`)
  const input = parseJson(readFileSync(file, 'utf8'), file)
  const key = dataKeyFrom(process.env)

  const url = process.env.DATABASE_URL ?? 'sqlite:./data/app.db'
  const sqlitePath = url.startsWith('sqlite:') && url !== 'sqlite::memory:' ? url.slice('sqlite:'.length) : null
  const newSqliteFile = sqlitePath !== null && !existsSync(sqlitePath)
  const handle = await openDatabase(url)
  let ok = false
  try {
    // Progress while writing (issue #15): a line redrawn on a terminal; in CI logs only the summary below.
    let bar: Progress | null = null
    const onProgress = (done: number, total: number) => (bar ??= progress('导入', total, { unit: '条' })).update(done)
    const outcome = await runImport(handle.db, createDataCrypto(key), input, { recheckDelaysMs: recheckDelays(process.env), onProgress }).finally(() => bar?.finish(null))
    if (!outcome.ok) {
      for (const p of outcome.problems) complain(formatProblem(p))
      complain(`导入文件 ${file} 有问题，已拒绝导入，未写入任何数据。`)
      return 1
    }
    ok = true
    say(summary(outcome.counts, outcome.ms))
    return 0
  } catch (e) {
    if (isUniqueViolation(e)) throw new Refusal(`写入时与数据库中已有的数据冲突（${(e as Error).message}），导入已整体撤销，未写入任何数据。`)
    throw e
  } finally {
    await handle.close()
    // Opening SQLite creates the file; a refused import into a new database leaves none behind.
    if (!ok && newSqliteFile && sqlitePath) for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true })
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof Refusal || e instanceof DataKeyMismatch) complain(e.message)
    else complain(`导入失败，未写入任何数据：${(e as Error).stack ?? String(e)}`)
    process.exit(1)
  },
)
