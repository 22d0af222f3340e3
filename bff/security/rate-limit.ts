/**
 * Per-account rate limits (issue 11): a fixed number of actions per window, counted in
 * memory per process. Over the limit the answer is a 429 whose Retry-After says when the
 * oldest counted action leaves the window. Several processes each count their own share;
 * the limits are set so that even a few times the limit stays harmless.
 */
import type { Clock } from '../clock'
import { AppError } from '../errors'

export interface RateLimiter {
  /** Counts one action for `key`, or throws RATE_LIMITED (429 with Retry-After). */
  hit(key: string | number): void
}

export function createRateLimiter(opts: { limit: number; windowMs: number; clock: Clock; message?: string }): RateLimiter {
  const hits = new Map<string, number[]>()
  return {
    hit(key) {
      const now = opts.clock.now().getTime()
      const k = String(key)
      const recent = (hits.get(k) ?? []).filter((t) => t > now - opts.windowMs)
      if (recent.length >= opts.limit) {
        hits.set(k, recent)
        const retryAfter = Math.max(1, Math.ceil((recent[0] + opts.windowMs - now) / 1000))
        throw new AppError('RATE_LIMITED', opts.message ?? `操作过于频繁，请${waitText(retryAfter)}后再试`, { retryAfter })
      }
      recent.push(now)
      hits.set(k, recent)
      // Forget idle keys now and then, so the map does not grow with every account ever seen.
      if (hits.size > 10_000) for (const [key2, ts] of hits) if (!ts.some((t) => t > now - opts.windowMs)) hits.delete(key2)
    },
  }
}

/** "30秒" / "2分钟": how long to wait, as a message says it. */
export const waitText = (seconds: number) => (seconds < 60 ? `${seconds}秒` : `${Math.ceil(seconds / 60)}分钟`)
