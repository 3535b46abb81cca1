import type { AccountSettings } from '../../shared/account-settings'
import type { CallLadder } from '../../shared/call-ladder'
import type { RegistrationStatus } from '../../shared/registration-status'
import type { SipTraceEntry } from '../../shared/sip-trace'
import { DEFAULT_LOG_CAPACITY, diagnosticsReport, SipMessageLog } from '../diagnostics'
import type { ServerSwitch } from '../service/deskdial-service-api'

export interface DiagnosticsKeeperOptions {
  /** DeskDial's version, for the report. */
  version: string
  /** The saved account, for the report. */
  account: () => AccountSettings
  now: () => number
  /** How many SIP messages the log keeps. */
  capacity?: number
  /** How many lines each history (registration, failover) keeps. */
  historyLength?: number
}

/** Registration changes and server moves over weeks of uptime: enough to see a pattern, bounded. */
export const DEFAULT_HISTORY_LENGTH = 200

/** Where a registration change or a server move came from: the running service or "Test connection". */
export type DiagnosticsSource = 'service' | 'connection test'

/**
 * What a phone administrator asks for, kept for the app's whole life: one SIP message log that
 * every service (and every connection test) feeds, and the last registration changes and server
 * moves as lines. Everything here is redacted or worded without secrets: the log redacts each
 * message as it arrives, and the account is printed without its password.
 */
export class DiagnosticsKeeper {
  readonly #options: DiagnosticsKeeperOptions
  readonly #log: SipMessageLog
  readonly #historyLength: number
  readonly #registrations: string[] = []
  readonly #switches: string[] = []

  constructor(options: DiagnosticsKeeperOptions) {
    this.#options = options
    this.#log = new SipMessageLog(options.capacity ?? DEFAULT_LOG_CAPACITY)
    this.#historyLength = options.historyLength ?? DEFAULT_HISTORY_LENGTH
  }

  /** For a service's `onTrace`: keeps the message, redacted. */
  readonly trace = (entry: SipTraceEntry): void => {
    this.#log.add(entry)
  }

  /** For a service's `onServerSwitch`. */
  noteServerSwitch(change: ServerSwitch, source: DiagnosticsSource = 'service'): void {
    const why = change.reason === 'fallback' ? 'the first server answers again' : 'the server in use stopped answering'
    this.#keep(
      this.#switches,
      `${timeOf(change.at)} ${prefix(source)}moved from ${change.from} to ${change.to}: ${why}`
    )
  }

  noteRegistration(status: RegistrationStatus, source: DiagnosticsSource = 'service'): void {
    const details = [status.server && `at ${status.server}`, status.code !== undefined && `SIP ${status.code}`]
      .filter(Boolean)
      .join(', ')
    this.#keep(
      this.#registrations,
      `${timeOf(status.at)} ${prefix(source)}${status.state}${details ? ` (${details})` : ''}: ${status.reason}`
    )
  }

  /** The messages of the call whose REFER had Call-ID `callId`, oldest first, as the ladder draws them. */
  callLadder(callId: string): CallLadder {
    const messages = this.#log
      .messages(callId)
      .map(({ seq, at, direction, transport, peer, firstLine, retransmission, note, text }) => ({
        seq,
        at,
        direction,
        transport,
        peer,
        firstLine,
        retransmission,
        ...(note !== undefined && { note }),
        text
      }))
    return { callId, messages, capacity: this.#log.capacity }
  }

  /** The plain-text report: of one call (its Call-ID) or, without `callId`, of every message the log holds. */
  report(callId?: string): string {
    return diagnosticsReport({
      version: this.#options.version,
      account: this.#options.account(),
      registrationHistory: this.#registrations,
      failoverHistory: this.#switches,
      log: this.#log,
      ...(callId !== undefined && { callId }),
      generatedAt: this.#options.now()
    })
  }

  #keep(lines: string[], line: string): void {
    lines.push(line)
    if (lines.length > this.#historyLength) lines.splice(0, lines.length - this.#historyLength)
  }
}

function timeOf(at: number): string {
  return new Date(at).toISOString()
}

function prefix(source: DiagnosticsSource): string {
  return source === 'service' ? '' : `${source}: `
}
