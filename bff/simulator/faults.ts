/**
 * Faults a test asked the simulated WeCom for (docs/WECOM.md §11.1 "Fault injection"): the
 * next N calls (of one API, or any) answer an errcode or an HTTP error, or are slowed down.
 */
export type Fault =
  | { kind: 'errcode'; errcode: number; remaining: number; api?: string }
  | { kind: 'http'; status: number; remaining: number; api?: string }

interface DelayRule {
  ms: number
  remaining: number
  api?: string
}

export class FaultPlan {
  private pending: Fault[] = []
  private delays: DelayRule[] = []

  /** The next injected fault that applies to `api`, consuming one of its repetitions. */
  take(api: string): Fault | null {
    const fault = this.pending.find((f) => f.remaining > 0 && (!f.api || f.api === api))
    if (!fault) return null
    fault.remaining--
    this.pending = this.pending.filter((f) => f.remaining > 0)
    return { ...fault }
  }

  add(fault: Fault): void {
    this.pending.push(fault)
  }

  addDelay(ms: number, count = Number.POSITIVE_INFINITY, api?: string): void {
    this.delays.push({ ms, remaining: count, api })
  }

  takeDelay(api: string): number {
    const rule = this.delays.find((d) => d.remaining > 0 && (!d.api || d.api === api))
    if (!rule) return 0
    rule.remaining--
    this.delays = this.delays.filter((d) => d.remaining > 0)
    return rule.ms
  }

  clear(): void {
    this.pending = []
    this.delays = []
  }
}
