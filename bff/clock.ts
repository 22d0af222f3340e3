/** The injectable clock (docs/ARCHITECTURE.md: the clock is replaced in tests, never the code under test). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock tests move by hand. */
export function manualClock(start: string | Date = '2026-11-20T02:00:00.000Z') {
  let t = new Date(start).getTime()
  return {
    now: () => new Date(t),
    set: (iso: string | Date) => void (t = new Date(iso).getTime()),
    advance: (ms: number) => void (t += ms),
  }
}
export type ManualClock = ReturnType<typeof manualClock>

