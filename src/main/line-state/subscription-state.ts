/**
 * The life of one line's subscription (RFC 6665).
 *
 * ```
 *              +-------------- refresh, resync (same state) ---------------+
 *              v                                                           |
 * subscribing --NOTIFY pending--> pending --NOTIFY active--> active -------+
 *   |  |  ^  |                      |                          |
 *   |  |  |  +---NOTIFY active------|------------------------->+
 *   |  |  |                         |                          |
 *   |  |  +--renew (backoff)-- terminated <--NOTIFY terminated, 481, no answer, 5xx, new registration--+
 *   |  +--403, 404, 489 to presence, NOTIFY rejected--> refused
 *   +--------------------------- stop (from every state) --> terminated (for good)
 * ```
 * `refused` changes only by `stop`: the server will not let DeskDial watch this line.
 */
export type SubscriptionState = 'subscribing' | 'pending' | 'active' | 'refused' | 'terminated'

/** The arrows of the diagram above. */
export const SUBSCRIPTION_TRANSITIONS: Readonly<Record<SubscriptionState, readonly SubscriptionState[]>> = {
  subscribing: ['subscribing', 'pending', 'active', 'refused', 'terminated'],
  pending: ['pending', 'active', 'refused', 'terminated'],
  active: ['active', 'refused', 'terminated'],
  terminated: ['subscribing', 'terminated'],
  refused: ['terminated']
}

export function canMoveSubscription(from: SubscriptionState, to: SubscriptionState): boolean {
  return SUBSCRIPTION_TRANSITIONS[from].includes(to)
}

export interface SubscriptionStatus {
  /** The watched number. */
  number: string
  state: SubscriptionState
  /** A sentence for a person (why it ended or was refused, or what it waits for). */
  reason: string
  /** The SIP status that caused it, when there was one. */
  code?: number
}
