/**
 * The simulator's clock: an injectable base (`{ now(): number }`, ms) plus an offset that the
 * `/__sim/clock/advance` control moves, so tests can jump past a code's 300 s, a user
 * ticket's 1800 s or a token's 7200 s (docs/WECOM.md §11.1 "State") without waiting.
 */
export interface MsClock {
  now(): number
}

const systemMsClock: MsClock = { now: () => Date.now() }

export class SimClock implements MsClock {
  private offsetMs = 0

  constructor(private readonly base: MsClock = systemMsClock) {}

  now(): number {
    return this.base.now() + this.offsetMs
  }

  advance(ms: number): void {
    this.offsetMs += ms
  }

  reset(): void {
    this.offsetMs = 0
  }
}
