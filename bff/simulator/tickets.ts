/**
 * JS-SDK tickets of the simulated WeCom (docs/WECOM.md §4.6, §4.7): the corp ticket (one for
 * the corp, the same until it expires) and each app's agent ticket, with the hourly limits a
 * real server enforces (45009 beyond them).
 */
import { randomBytes } from 'node:crypto'
import { SimApiError } from './errcodes'
import type { RateWindows } from './rate-window'
import type { SimAgent } from './model'

const JSAPI_TICKET_TTL_MS = 7_200_000
const HOUR_MS = 3_600_000
const randomId = (bytes: number) => randomBytes(bytes).toString('base64url')

/** Ticket limits, docs/WECOM.md §4.6/§4.7/§9. */
export const TICKET_LIMITS = { corpTicketPerCorp: 400, corpTicketPerApp: 100, agentTicketPerApp: 100 } as const

interface TicketRecord {
  ticket: string
  expiresAt: number
}

export class JsapiTickets {
  private corpTicket: TicketRecord | null = null
  private agentTickets = new Map<string, TicketRecord>()

  constructor(
    private readonly windows: RateWindows,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.corpTicket = null
    this.agentTickets.clear()
  }

  /** Corp ticket: ≤400/h per corp and ≤100/h per app, else 45009. Same ticket until expiry. */
  corp(agent: SimAgent): { ticket: string; expiresIn: number } {
    const now = this.now()
    const perApp = `corp-ticket:${agent.agentId}`
    if (
      this.windows.count('corp-ticket', now, HOUR_MS) >= TICKET_LIMITS.corpTicketPerCorp ||
      this.windows.count(perApp, now, HOUR_MS) >= TICKET_LIMITS.corpTicketPerApp
    ) {
      throw new SimApiError(45009)
    }
    this.windows.record('corp-ticket', now)
    this.windows.record(perApp, now)
    if (!this.corpTicket || this.corpTicket.expiresAt <= now) {
      this.corpTicket = { ticket: randomId(64), expiresAt: now + JSAPI_TICKET_TTL_MS }
    }
    return { ticket: this.corpTicket.ticket, expiresIn: Math.ceil((this.corpTicket.expiresAt - now) / 1000) }
  }

  /** Agent (app) ticket: ≤100/h per app, else 45009; each app has its own. */
  agent(agent: SimAgent): { ticket: string; expiresIn: number } {
    const now = this.now()
    if (!this.windows.tryHit(`agent-ticket:${agent.agentId}`, now, HOUR_MS, TICKET_LIMITS.agentTicketPerApp)) {
      throw new SimApiError(45009)
    }
    let record = this.agentTickets.get(agent.agentId)
    if (!record || record.expiresAt <= now) {
      record = { ticket: randomId(64), expiresAt: now + JSAPI_TICKET_TTL_MS }
      this.agentTickets.set(agent.agentId, record)
    }
    return { ticket: record.ticket, expiresIn: Math.ceil((record.expiresAt - now) / 1000) }
  }

  current(): { corp: string | null; agents: Record<string, string> } {
    return {
      corp: this.corpTicket?.ticket ?? null,
      agents: Object.fromEntries([...this.agentTickets].map(([id, r]) => [id, r.ticket])),
    }
  }
}
