import { cseqMethod, findHeader } from './sip-message-head'
import { topViaBranch } from './via-rewriter'

export interface ResponseRouteLimits {
  /** How long a request's route is kept: long enough for every response its transaction can send. */
  lifetimeMs: number
  /** At most this many routes; the oldest go first, so a flood of requests cannot grow memory. */
  maxRoutes: number
}

interface Entry<Route> {
  route: Route
  expiresAt: number
  /** The request's top Via branch (or whole top Via), for a response that names no usable CSeq method. */
  via: string
}

/**
 * Remembers which connection each incoming request arrived on, so our responses go back on it
 * (RFC 3261 18.2.2). A transaction is named by its top Via branch and CSeq method: a CANCEL shares
 * its INVITE's branch. Whatever the request's shape, its response finds the way: a response whose
 * CSeq is unreadable or differs from its request's (a 400 to a broken CSeq) is matched by the
 * branch alone, and a request without a branch by its whole top Via.
 */
export class ResponseRoutes<Route> {
  private readonly limits: ResponseRouteLimits
  private readonly now: () => number
  /** In insertion order, and every entry lives equally long, so expired entries sit at the front. */
  private readonly entries = new Map<string, Entry<Route>>()

  /** `now` is the clock, replaceable so tests can move time without waiting. */
  constructor(limits: ResponseRouteLimits, now: () => number = Date.now) {
    this.limits = limits
    this.now = now
  }

  remember(request: string, route: Route): void {
    const key = transactionKey(request)
    if (key === undefined) return
    this.dropExpired()
    // Re-inserted, not updated, so a retransmission keeps the map in expiry order.
    this.entries.delete(key.exact)
    this.entries.set(key.exact, { route, expiresAt: this.now() + this.limits.lifetimeMs, via: key.via })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxRoutes) break
      this.entries.delete(oldest)
    }
  }

  /** Where the response to a remembered request goes; undefined for anything else. */
  find(response: string): Route | undefined {
    const key = transactionKey(response)
    if (key === undefined) return undefined
    const now = this.now()
    const exact = this.entries.get(key.exact)
    if (exact) return exact.expiresAt > now ? exact.route : undefined
    // Rare (a response to a request whose CSeq was broken): the newest request with this Via.
    let latest: Entry<Route> | undefined
    for (const entry of this.entries.values()) if (entry.via === key.via && entry.expiresAt > now) latest = entry
    return latest?.route
  }

  /** Forgets every request that arrived on `route`, e.g. a connection that closed. */
  forget(route: Route): void {
    for (const [key, entry] of this.entries) {
      if (entry.route === route) this.entries.delete(key)
    }
  }

  private dropExpired(): void {
    const now = this.now()
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt > now) break
      this.entries.delete(key)
    }
  }
}

/** The top Via branch (or, lacking one, the whole top Via) with the CSeq method when readable. */
function transactionKey(message: string): { exact: string; via: string } | undefined {
  const via = topViaBranch(message) ?? topViaText(message)
  if (via === undefined) return undefined
  const method = cseqMethod(message)
  return { exact: method === undefined ? via : `${via} ${method}`, via }
}

function topViaText(message: string): string | undefined {
  const header = findHeader(message, ['via', 'v'])
  const value = header && message.slice(header.valueStart, header.valueEnd).replace(/\s+/g, '')
  return value ? `via:${value}` : undefined
}
