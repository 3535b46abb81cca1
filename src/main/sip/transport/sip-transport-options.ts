import type { SipTransportProtocol } from '../../../shared/account-settings'
import type { SipTrace } from '../../../shared/sip-trace'
import type { RetransmitTimers } from './udp-retransmitter'

/** Severity of a transport log line. */
export type TransportLogLevel = 'debug' | 'info' | 'warn' | 'error'

/**
 * Options of {@link NodeSipTransport}, passed as sip.js `UserAgentOptions.transportOptions`.
 */
export interface SipTransportOptions {
  protocol: SipTransportProtocol
  /** Phone system host name or IP address. */
  host: string
  port: number
  /**
   * The same value as `UserAgentOptions.viaHost`. sip.js writes it into the Via of every request
   * and drops responses whose Via does not carry it; the transport swaps in the real local
   * address and port on the way out and puts `viaHost` back on the way in.
   */
  viaHost: string
  /** TLS: PEM file of the CA to trust instead of Node's default roots. */
  caFile?: string
  /** TLS: the name the server certificate must carry (also sent as SNI); defaults to `host`. */
  servername?: string
  /** TCP/TLS: RFC 5626 CRLF keep-alive interval in seconds; default 30, 0 turns it off. */
  keepAliveSeconds?: number
  /** Limit for DNS resolution, TCP connect and TLS handshake together; default 10000. */
  connectTimeoutMs?: number
  /** UDP: RFC 3261 T1/T2 for request retransmission; default 500/4000 ms. Tests shrink them. */
  retransmitTimers?: RetransmitTimers
  /** Where log lines go; nothing is logged when absent. Messages never include SIP bodies or credentials. */
  log?: (level: TransportLogLevel, message: string) => void
  /** Hears every message sent and received, retransmissions included, credentials not yet redacted. */
  onTrace?: SipTrace
}
