/**
 * Progress of long commands (import, export, backup, bench; issue #15): on a terminal one
 * line redrawn at most every 200 ms — done / total, rate, time left; elsewhere (CI logs, a
 * pipe) nothing while running and one summary line at the end, so logs stay short.
 */
export interface Progress {
  /** The total, when it is learnt only while working (a backup's page count). */
  total: number
  /** Sets how much is done (absolute, in `unit`s). */
  update(done: number): void
  /** Ends the line; prints the summary (also when not a terminal), or nothing when it is null (the command prints its own). */
  finish(summary?: string | null): void
}

export function progress(label: string, total: number, opts: { unit?: string; stream?: NodeJS.WriteStream; now?: () => number } = {}): Progress {
  const stream = opts.stream ?? process.stderr
  const now = opts.now ?? (() => performance.now())
  const unit = opts.unit ?? '行'
  const tty = !!stream.isTTY
  const started = now()
  let done = 0
  let drawn = 0
  const rate = () => done / Math.max((now() - started) / 1000, 0.001)
  const line = () => {
    const r = rate()
    const left = total > done && r > 0 ? `，剩余约 ${formatSeconds((total - done) / r)}` : ''
    const pct = total > 0 ? ` ${Math.floor((done / total) * 100)}%` : ''
    return `${label}：${done}/${total} ${unit}${pct}，${Math.round(r)} ${unit}/秒${left}`
  }
  return {
    get total() {
      return total
    },
    set total(n) {
      total = n
    },
    update(n) {
      done = n
      if (!tty || now() - drawn < 200) return
      drawn = now()
      stream.write(`\r\x1b[2K${line()}`)
    },
    finish(summary) {
      if (tty) stream.write('\r\x1b[2K')
      if (summary === null) return
      stream.write(`${summary ?? `${label}完成：${done} ${unit}，用时 ${formatSeconds((now() - started) / 1000)}，${Math.round(rate())} ${unit}/秒`}\n`)
    },
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} 秒`
  const m = Math.floor(s / 60)
  return `${m} 分 ${Math.round(s - m * 60)} 秒`
}
