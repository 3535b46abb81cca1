/** How DeskDial reaches the phone system. Same keys in the app's settings and the CLI's `--config` file. */
export type SipTransportProtocol = 'udp' | 'tcp' | 'tls'

export interface AccountSettings {
  /** Phone system addresses, `host` or `host:port`, in failover order. */
  servers: string[]
  transport: SipTransportProtocol
  /** DeskDial's own account: the user part of its AOR. */
  user: string
  /** Digest user name, when it differs from `user`. */
  authUser?: string
  /** SIP domain of the account, the desk phone and the targets; defaults to the first server's host. */
  domain?: string
  /** The user's desk phone number (the REFER's Request-URI user). */
  line: string
  /** Name shown on the desk phone while it rings. */
  displayName?: string
  /** Register DeskDial's account (SRST without a pool for the app still takes REFERs). */
  register: boolean
  /** Requested registration lifetime in seconds. */
  expires: number
  /** PEM file with the CA that signed the phone system's TLS certificate. */
  caFile?: string
}

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  servers: [],
  transport: 'udp',
  user: '',
  line: '',
  register: true,
  expires: 600
}

export const DEFAULT_PORTS: Record<SipTransportProtocol, number> = { udp: 5060, tcp: 5060, tls: 5061 }
