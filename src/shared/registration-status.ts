/**
 * DeskDial's own registration with the phone system.
 *
 * ```
 *                      +--423: once more with Min-Expires--+
 *                      v                                   |
 * unregistered --start--> registering --------2xx--------> registered
 *   |    ^                 |   |   ^                          |   |
 *   |    |                 |   |   +--------refresh-----------+   |
 *   |    |                 |   |   +--timer-- retrying <----------+ connection lost
 *   |    |                 |   +--no answer, 5xx, --^  ^  |
 *   |    |                 |      connection lost      +--+ reconnecting failed, connection lost
 *   |    |                 +--401/403/404/407--> failed (final: the user must fix the account)
 *   |    +------------------------------ stop (from every state) ----------------------------+
 *   +--register: false--> disabled          start, when the server cannot be reached --> failed
 * ```
 * `failed` and `disabled` change only by `stop` (a new account starts a new registration).
 */
export type RegistrationState = 'disabled' | 'unregistered' | 'registering' | 'registered' | 'failed' | 'retrying'

/** The arrows of the diagram above: the states each state may move to. */
export const REGISTRATION_TRANSITIONS: Readonly<Record<RegistrationState, readonly RegistrationState[]>> = {
  unregistered: ['registering', 'disabled', 'failed', 'unregistered'],
  registering: ['registered', 'registering', 'retrying', 'failed', 'unregistered'],
  registered: ['registering', 'retrying', 'unregistered'],
  retrying: ['registering', 'retrying', 'unregistered'],
  failed: ['unregistered'],
  disabled: ['unregistered']
}

/** Whether the diagram has an arrow from `from` to `to`. */
export function canMoveRegistration(from: RegistrationState, to: RegistrationState): boolean {
  return REGISTRATION_TRANSITIONS[from].includes(to)
}

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
