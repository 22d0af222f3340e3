/**
 * A cache for short-lived credentials (access tokens, JS-SDK tickets) with the policy of
 * docs/WECOM.md §10: keep each value until shortly before it expires (safety margin), fetch a key
 * at most once at a time (one in-flight promise per key: concurrent callers share it), and
 * drop a value only if it is still the one that failed (WxJava #1300: a late "token invalid"
 * must not throw away a token that was just refreshed).
 */
interface Entry {
  value: string
  refreshAt: number
}

export interface Fetched {
  value: string
  /** Lifetime the server announced (`expires_in` × 1000). */
  expiresInMs: number
}

export class CredentialCache {
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<string>>()

  constructor(
    private readonly nowMs: () => number,
    private readonly marginMs: number,
  ) {}

  get(key: string, fetch: () => Promise<Fetched>): Promise<string> {
    const entry = this.entries.get(key)
    if (entry && this.nowMs() < entry.refreshAt) return Promise.resolve(entry.value)
    const running = this.inflight.get(key)
    if (running) return running
    // Lifetime counts from before the request: the server's clock started no later than that.
    const requestedAt = this.nowMs()
    const promise = fetch()
      .then(({ value, expiresInMs }) => {
        // A short-lived value would never be fresh with the full margin: keep at least half its life.
        const margin = Math.min(this.marginMs, expiresInMs / 2)
        this.entries.set(key, { value, refreshAt: requestedAt + expiresInMs - margin })
        return value
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise)
    return promise
  }

  /** Forget `value` under `key` unless it has already been replaced. */
  invalidate(key: string, value: string): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
