import type { SipTraceEntry } from '../../shared/sip-trace'
import { identifyMessage } from './message-identity'
import { redactCredentials } from './redact-credentials'

/** A SIP message as the log keeps it: credentials redacted, named by call. */
export interface LoggedSipMessage {
  /** Counts up from 1 for the life of the log: a message's id, still valid after older ones are dropped. */
  seq: number
  at: number
  direction: SipTraceEntry['direction']
  transport: SipTraceEntry['transport']
  peer: string
  /** The whole message, its `Authorization` / `Proxy-Authorization` secrets redacted. */
  text: string
  /** The request line or status line. */
  firstLine: string
  callId: string | undefined
  /**
   * The same message was logged before in the same direction: the same request or status line of
   * the same transaction (top Via branch and CSeq), or, for a message without a branch, the same text.
   */
  retransmission: boolean
  /** Set when DeskDial made the message up itself in the network's place, saying why. */
  note?: string
}

/** Enough for a working day of dials and re-registrations; each message is well under 2 kB. */
export const DEFAULT_LOG_CAPACITY = 5000

interface Slot {
  message: LoggedSipMessage
  /** What a retransmission of this message would share with it. */
  key: string
}

/**
 * The last {@link DEFAULT_LOG_CAPACITY} (or `capacity`) SIP messages sent and received, oldest
 * dropped first. A ring of fixed size: adding is O(1) and memory stays bounded however many
 * messages arrive. Messages are redacted as they come in, so no secret is ever held here.
 */
export class SipMessageLog {
  readonly capacity: number
  readonly #slots: Array<Slot | undefined>
  /** How many messages were ever added; the next slot is `#added % capacity`. */
  #added = 0
  /** For each key in the ring, the seq of its latest message: how retransmissions are recognised. */
  readonly #latest = new Map<string, number>()

  constructor(capacity = DEFAULT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`The SIP message log needs room for at least one message, not ${capacity}.`)
    this.capacity = capacity
    this.#slots = new Array<Slot | undefined>(capacity)
  }

  /** How many messages the log holds now. */
  get size(): number {
    return Math.min(this.#added, this.capacity)
  }

  /** Redacts and keeps one message, dropping the oldest when full; returns it as logged. */
  add(entry: SipTraceEntry): LoggedSipMessage {
    const text = redactCredentials(entry.text)
    const { firstLine, callId, transaction } = identifyMessage(text)
    const key = `${entry.direction}\n${transaction === undefined ? text : `${transaction}\n${firstLine}`}`
    const index = this.#added % this.capacity
    const dropped = this.#slots[index]
    if (dropped && this.#latest.get(dropped.key) === dropped.message.seq) this.#latest.delete(dropped.key)
    this.#added += 1
    const message: LoggedSipMessage = {
      seq: this.#added,
      at: entry.at,
      direction: entry.direction,
      transport: entry.transport,
      peer: entry.peer,
      text,
      firstLine,
      callId,
      retransmission: this.#latest.has(key),
      ...(entry.note !== undefined && { note: entry.note })
    }
    this.#slots[index] = { message, key }
    this.#latest.set(key, message.seq)
    return message
  }

  /** The messages held, oldest first; only those of one call when `callId` is given. */
  messages(callId?: string): LoggedSipMessage[] {
    const held: LoggedSipMessage[] = []
    for (let seq = this.#added - this.size + 1; seq <= this.#added; seq += 1) {
      const message = (this.#slots[(seq - 1) % this.capacity] as Slot).message
      if (callId === undefined || message.callId === callId) held.push(message)
    }
    return held
  }
}
