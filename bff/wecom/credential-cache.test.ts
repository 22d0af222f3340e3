import { describe, expect, it } from 'vitest'
import { CredentialCache } from './credential-cache'

/** A fetcher handing out T1, T2, … and counting its calls. */
function issuer(expiresInMs = 7_200_000) {
  let n = 0
  const fetch = async () => ({ value: `T${++n}`, expiresInMs })
  return { fetch, calls: () => n }
}

describe('the credential cache', () => {
  it('keeps a refreshed value when a late failure reports the value it replaced', async () => {
    const cache = new CredentialCache(() => 0, 300_000)
    const source = issuer()
    expect(await cache.get('token', source.fetch)).toBe('T1')
    // Call A failed with T1: dropped and refreshed.
    cache.invalidate('token', 'T1')
    expect(await cache.get('token', source.fetch)).toBe('T2')
    // Call B, sent with T1 too, fails only now: T2 must survive.
    cache.invalidate('token', 'T1')
    expect(await cache.get('token', source.fetch)).toBe('T2')
    expect(source.calls()).toBe(2)
  })

  it('does not cache a failed fetch and lets the next caller try again', async () => {
    const cache = new CredentialCache(() => 0, 300_000)
    await expect(cache.get('token', async () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await cache.get('token', issuer().fetch)).toBe('T1')
  })

  it('shares one fetch among concurrent callers', async () => {
    const cache = new CredentialCache(() => 0, 300_000)
    const source = issuer()
    expect(await Promise.all([cache.get('token', source.fetch), cache.get('token', source.fetch)])).toEqual(['T1', 'T1'])
    expect(source.calls()).toBe(1)
  })

  it('refreshes a safety margin before expiry, and keeps at least half the life of a short-lived value', async () => {
    let now = 0
    const cache = new CredentialCache(() => now, 300_000)
    const long = issuer(7_200_000)
    await cache.get('a', long.fetch)
    now = 6_899_999
    expect(await cache.get('a', long.fetch)).toBe('T1')
    now = 6_900_000
    expect(await cache.get('a', long.fetch)).toBe('T2')

    now = 0
    const short = issuer(60_000)
    await cache.get('b', short.fetch)
    now = 29_999
    expect(await cache.get('b', short.fetch)).toBe('T1')
    now = 30_000
    expect(await cache.get('b', short.fetch)).toBe('T2')
  })
})
