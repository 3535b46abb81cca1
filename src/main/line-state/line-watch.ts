import type { BackoffPolicy } from '../sip/backoff'
import type { SipEndpoint, SipLog } from '../sip/sip-endpoint'
import { LineSubscription, type EventPackage } from './line-subscription'
import type { LineStatus } from './line-status'
import type { SubscriptionStatus } from './subscription-state'

/** Bounded: a server (and DeskDial) keeps one subscription per watched line. */
export const MAX_WATCHED_LINES = 100

export interface LineWatchOptions {
  /** The endpoint open now (it changes on failover and reconnect). */
  endpoint: () => SipEndpoint | undefined
  log?: SipLog
  /** Requested subscription lifetime in seconds (the server may shorten it). */
  expires?: number
  maxLines?: number
  backoff?: BackoffPolicy
  unsubscribeTimeoutMs?: number
}

/**
 * The lines DeskDial watches: one subscription each, at most {@link MAX_WATCHED_LINES}, the line
 * shown least recently dropped first. Remembers per server whether it speaks the dialog package or
 * only presence (a 489 to `Event: dialog`).
 */
export class LineWatch {
  readonly #options: LineWatchOptions
  /** In order of last showing: the first is dropped first. */
  readonly #lines = new Map<string, LineSubscription>()
  readonly #presenceOnly = new Set<string>()
  readonly #lineListeners = new Set<(status: LineStatus) => void>()
  readonly #subscriptionListeners = new Set<(status: SubscriptionStatus) => void>()

  constructor(options: LineWatchOptions) {
    this.#options = options
  }

  /** Hears every change of a watched line's state. */
  onLine(listener: (status: LineStatus) => void): () => void {
    this.#lineListeners.add(listener)
    return () => this.#lineListeners.delete(listener)
  }

  /** Hears every change of a subscription's state. */
  onSubscription(listener: (status: SubscriptionStatus) => void): () => void {
    this.#subscriptionListeners.add(listener)
    return () => this.#subscriptionListeners.delete(listener)
  }

  get watched(): string[] {
    return [...this.#lines.keys()]
  }

  lineStatus(number: string): LineStatus | undefined {
    return this.#lines.get(number)?.line
  }

  subscriptionStatus(number: string): SubscriptionStatus | undefined {
    return this.#lines.get(number)?.status
  }

  /** Starts watching `number`, or marks it as just shown; past the limit the least recently shown line is dropped. */
  watch(number: string): void {
    const existing = this.#lines.get(number)
    if (existing) {
      this.#lines.delete(number)
      this.#lines.set(number, existing)
      return
    }
    while (this.#lines.size >= (this.#options.maxLines ?? MAX_WATCHED_LINES)) {
      const oldest = this.#lines.keys().next().value
      if (oldest === undefined) break
      void this.unwatch(oldest)
    }
    const subscription: LineSubscription = new LineSubscription({
      number,
      endpoint: this.#options.endpoint,
      eventPackage: () => this.#eventPackage(),
      onDialogRefused: () => {
        const server = this.#options.endpoint()?.serverLabel
        if (server) this.#presenceOnly.add(server)
      },
      onLine: (status) => this.#lineListeners.forEach((listener) => listener(status)),
      onStatus: (status) => this.#subscriptionListeners.forEach((listener) => listener(status)),
      log: this.#options.log ?? (() => undefined),
      expires: this.#options.expires ?? 600,
      backoff: this.#options.backoff,
      unsubscribeTimeoutMs: this.#options.unsubscribeTimeoutMs
    })
    this.#lines.set(number, subscription)
    subscription.start()
  }

  /** Stops watching `number` (unsubscribing, bounded in time). */
  async unwatch(number: string): Promise<void> {
    const subscription = this.#lines.get(number)
    if (!subscription) return
    this.#lines.delete(number)
    await subscription.stop()
  }

  /** After a new registration or a move to another server: every subscription anew. */
  renewAll(): void {
    for (const subscription of this.#lines.values()) subscription.renew()
  }

  /** Unsubscribes from every line, each bounded in time, all at once. */
  async stop(): Promise<void> {
    await Promise.all(this.watched.map((number) => this.unwatch(number)))
  }

  #eventPackage(): EventPackage {
    const server = this.#options.endpoint()?.serverLabel
    return server && this.#presenceOnly.has(server) ? 'presence' : 'dialog'
  }
}
