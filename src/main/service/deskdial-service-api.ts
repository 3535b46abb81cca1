import type { AccountSettings } from '../../shared/account-settings'
import type { CallProgress } from '../../shared/call-progress'
import type { RegistrationStatus } from '../../shared/registration-status'
import type { LineStatus } from '../../shared/line-state'
import type { SipTrace } from '../../shared/sip-trace'

export type Unsubscribe = () => void

/**
 * How long DeskDial stays reachable after the last NOTIFY it answered when it quits (the app) or
 * exits (the CLI): over UDP, if its 200 to that NOTIFY was lost, the phone system's retransmissions
 * (after 0.5, 1 and 2 s) are still answered instead of timing out at the phone system. Over TCP
 * and TLS nothing is retransmitted, and without a NOTIFY answered nothing can be: no wait then.
 */
export const AFTER_CALL_LINGER_MS = 4_000

export interface StopOptions {
  /** Over UDP, keep answering retransmitted NOTIFYs until this long after the last one answered (0: close at once). */
  lingerMs?: number
}

export interface DeskDialServiceOptions {
  account: AccountSettings
  password?: string
  /** Where SIP diagnostics go (passwords are masked before they get here). */
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void
  /** Hears every SIP message sent and received, unredacted: keep it only through src/main/diagnostics. */
  onTrace?: SipTrace
  /** Hears each move to another server of the account's list: a failover, or the move back to the first. */
  onServerSwitch?: (change: ServerSwitch) => void
}

/** DeskDial moved its connection from one server of the account's list to another. */
export interface ServerSwitch {
  /** host:port of the server left, and of the one now in use. */
  from: string
  to: string
  /** `failover`: the server in use stopped answering; `fallback`: the first server answers again. */
  reason: 'failover' | 'fallback'
  /** Milliseconds since the epoch. */
  at: number
}

/**
 * The phone-system side of DeskDial, Electron-free: registration and click-to-dial.
 * The Electron app, the CLI, the tests and the benchmarks all drive this.
 */
export interface DeskDialServiceApi {
  readonly registration: RegistrationStatus
  /** Live and recently finished dials. */
  readonly calls: readonly CallProgress[]
  /** Connect and (when `register` is set) start registering; resolves once the transport is up. Rejects with a sentence when the server cannot be reached. */
  start(): Promise<void>
  /** Unregister (bounded in time), linger as `options` ask, and close the transport. */
  stop(options?: StopOptions): Promise<void>
  /**
   * Send the click-to-dial REFER for `dialString` (digits, +, *, # or a SIP user part, already
   * through the dial plan). Returns the first progress (`requesting`) with the call's id; the
   * `onCallProgress` listeners hear from the call from its next step on.
   * Throws an Error with a sentence for people when the target is invalid or the service is not started.
   */
  dial(dialString: string): CallProgress
  onRegistration(listener: (status: RegistrationStatus) => void): Unsubscribe
  onCallProgress(listener: (progress: CallProgress) => void): Unsubscribe
  /** The desk phones' lines this service watches (see `LineWatch`); absent in services that watch none. */
  readonly lines?: WatchedLinesApi
}

/** What the app needs of `LineWatch`: watch a number (marking it as just shown), read and hear its state. */
export interface WatchedLinesApi {
  watch(number: string): void
  lineStatus(number: string): LineStatus | undefined
  onLine(listener: (status: LineStatus) => void): Unsubscribe
}
