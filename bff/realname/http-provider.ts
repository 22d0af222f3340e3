/**
 * `REALNAME_PROVIDER=http` (docs/CONTRACT.md): POST {name, idCard} → {result: "match"|"mismatch"}.
 * Anything else — an HTTP error, a time-out (5 s), an unknown answer — is "not checked" and
 * retried; it never counts as a mismatch.
 */
import type { RealNameProvider } from './local-provider'

export function httpProvider(url: string, timeoutMs = 5000): RealNameProvider {
  return {
    async check({ name, idCard }) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, idCard }),
          signal: AbortSignal.timeout(timeoutMs),
        })
        if (!res.ok) return 'unavailable'
        const body = (await res.json()) as { result?: unknown }
        return body.result === 'match' || body.result === 'mismatch' ? body.result : 'unavailable'
      } catch {
        return 'unavailable'
      }
    },
  }
}
