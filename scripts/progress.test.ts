import { describe, expect, it } from 'vitest'
import { progress } from './progress'

function sink(isTTY: boolean) {
  const out: string[] = []
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream }
}

describe('progress of long commands', () => {
  it('on a terminal: done/total, rate and time left, redrawn in place', () => {
    let t = 0
    const { out, stream } = sink(true)
    const p = progress('导入', 1000, { stream, now: () => t })
    t = 1000
    p.update(250)
    expect(out.at(-1)).toBe('\r\x1b[2K导入：250/1000 行 25%，250 行/秒，剩余约 3.0 秒')
    p.finish()
    expect(out.at(-1)).toBe('导入完成：250 行，用时 1.0 秒，250 行/秒\n')
  })

  it('in CI (not a terminal): nothing while running, one summary line at the end', () => {
    let t = 0
    const { out, stream } = sink(false)
    const p = progress('备份', 10, { unit: '页', stream, now: () => t })
    t = 500
    p.update(5)
    p.update(10)
    p.finish('备份完成：a → b')
    expect(out).toEqual(['备份完成：a → b\n'])
  })

  it('finish(null) only clears the line, for a command that prints its own summary', () => {
    const tty = sink(true)
    const p = progress('导入', 10, { stream: tty.stream, now: () => 1000 })
    p.finish(null)
    expect(tty.out).toEqual(['\r\x1b[2K'])
    const ci = sink(false)
    progress('导入', 10, { stream: ci.stream }).finish(null)
    expect(ci.out).toEqual([])
  })
})
