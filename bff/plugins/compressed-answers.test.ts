import { describe, it, expect } from 'vitest'
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib'
import { CompressedAnswers } from './compressed-answers'

/** A compressor that counts its calls, so a test sees which answers were compressed anew. */
function counting() {
  const calls: string[] = []
  const compress = (text: string) => {
    calls.push(text)
    return brotliCompressSync(text)
  }
  return { calls, compress }
}

const page = (n: number, name = '李四') => JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: n * 100 + i, name, version: 0 })), nextCursor: null })
const limits = { maxEntries: 100, maxBytes: 1024 * 1024, maxTextLength: 64 * 1024 }
const unpack = (b: Buffer) => brotliDecompressSync(b).toString()

describe('compressed answers', () => {
  it('compresses a repeated answer once, and serves the same bytes again', () => {
    const { calls, compress } = counting()
    const kept = new CompressedAnswers(limits, compress)
    const first = kept.of(page(1))
    // Another string object with the same text, as each request builds its own.
    const again = kept.of(page(1).slice(0))
    expect(again).toBe(first)
    expect(calls).toHaveLength(1)
    expect(unpack(again)).toBe(page(1))
  })

  it('never serves another text: a page that changed in one character is compressed anew', () => {
    const { calls, compress } = counting()
    const kept = new CompressedAnswers(limits, compress)
    kept.of(page(1, '李四'))
    // Same length, same characters at most positions: what a decided application looks like.
    const changed = page(1, '李五')
    expect(changed).toHaveLength(page(1).length)
    expect(unpack(kept.of(changed))).toBe(changed)
    expect(calls).toHaveLength(2)
    // The earlier text still gets its own bytes, never the later one's.
    expect(unpack(kept.of(page(1, '李四')))).toBe(page(1, '李四'))
  })

  it('two texts of one fingerprint (a character between the sampled ones differs) each get their own bytes', () => {
    const { calls, compress } = counting()
    const kept = new CompressedAnswers(limits, compress)
    const a = `"${'团'.repeat(998)}"`
    const b = `"团乙${'团'.repeat(996)}"` // differs at index 2; 64 samples of 1,000 characters read every 15th
    for (let round = 0; round < 2; round++) {
      expect(unpack(kept.of(a))).toBe(a)
      expect(unpack(kept.of(b))).toBe(b)
    }
    // One entry for the fingerprint: each text replaced the other, and nothing was confused.
    expect(calls).toHaveLength(4)
  })

  it('drops the least recently used when full, by entries and by bytes', () => {
    const { calls, compress } = counting()
    const kept = new CompressedAnswers({ ...limits, maxEntries: 2 }, compress)
    kept.of(page(1))
    kept.of(page(2))
    kept.of(page(1)) // used again: page 2 is now the oldest
    kept.of(page(3))
    expect(kept.size.entries).toBe(2)
    calls.length = 0
    kept.of(page(1))
    kept.of(page(3))
    expect(calls).toEqual([])
    kept.of(page(2))
    expect(calls).toEqual([page(2)])

    const small = new CompressedAnswers({ ...limits, maxBytes: page(1).length * 2 * 2 + 500 }, compress)
    for (const n of [1, 2, 3, 4]) small.of(page(n))
    expect(small.size.entries).toBe(2)
    expect(small.size.bytes).toBeLessThanOrEqual(page(1).length * 2 * 2 + 500)
  })

  it('does not keep an answer longer than a list page', () => {
    const { calls, compress } = counting()
    const kept = new CompressedAnswers({ ...limits, maxTextLength: 100 }, compress)
    const long = page(1)
    expect(unpack(kept.of(long))).toBe(long)
    kept.of(long)
    expect(calls).toHaveLength(2)
    expect(kept.size.entries).toBe(0)
  })
})
