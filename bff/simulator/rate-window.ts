/**
 * Sliding-window counters for the simulator's frequency limits (docs/WECOM.md §9): ticket calls
 * per hour, message deliveries per member per minute. Time comes from the simulator clock.
 */
export class RateWindows {
  private readonly hits = new Map<string, number[]>()

  /** Number of hits on `key` inside the last `windowMs`. */
  count(key: string, nowMs: number, windowMs: number): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > nowMs - windowMs)
    this.hits.set(key, recent)
    return recent.length
  }

  record(key: string, nowMs: number): void {
    const list = this.hits.get(key) ?? []
    list.push(nowMs)
    this.hits.set(key, list)
  }

  /** True (and recorded) when another hit fits under `limit`; false when over the limit. */
  tryHit(key: string, nowMs: number, windowMs: number, limit: number): boolean {
    if (this.count(key, nowMs, windowMs) >= limit) return false
    this.record(key, nowMs)
    return true
  }

  clear(): void {
    this.hits.clear()
  }
}
