/**
 * DeskDial's own registration with the phone system.
 *
 * ```
 * disabled (register: false)
 * unregistered --start--> registering --2xx--> registered --refresh--> registering ...
 *                              \                   \ connection lost
 *                               +--failure--> failed --backoff--> retrying --timer--> registering
 * ```
 */
export type RegistrationState = 'disabled' | 'unregistered' | 'registering' | 'registered' | 'failed' | 'retrying'

export interface RegistrationStatus {
  state: RegistrationState
  /** The server (host:port) this status is about. */
  server?: string
  /** SIP status of the last REGISTER response, when it failed with one. */
  code?: number
  /** A sentence for a person. */
  reason: string
  /** For `retrying`: seconds until the next attempt. */
  retryInSeconds?: number
  /** For `registered`: the expiry the server granted, in seconds. */
  expiresSeconds?: number
  /** Milliseconds since the epoch. */
  at: number
}
