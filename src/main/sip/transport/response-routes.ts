import { cseqMethod } from './sip-message-head'
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
}

/**
 * Remembers which connection each incoming request arrived on, so our responses go back on it
 * (RFC 3261 18.2.2). A transaction is named by its top Via branch and CSeq method: a CANCEL shares
 * its INVITE's branch. Requests without a branch are not remembered; their responses take the
 * default path.
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
    this.entries.delete(key)
    this.entries.set(key, { route, expiresAt: this.now() + this.limits.lifetimeMs })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxRoutes) break
      this.entries.delete(oldest)
    }
  }

  /** Where the response to a remembered request goes; undefined for anything else. */
  find(response: string): Route | undefined {
    const key = transactionKey(response)
    const entry = key === undefined ? undefined : this.entries.get(key)
    return entry && entry.expiresAt > this.now() ? entry.route : undefined
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

function transactionKey(message: string): string | undefined {
  const branch = topViaBranch(message)
  const method = cseqMethod(message)
  return branch === undefined || method === undefined ? undefined : `${branch} ${method}`
}
