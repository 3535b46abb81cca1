import type { TransportError } from './transport-errors'

/** Where the phone system can reach us: what Contact and Via sent-by name. */
export interface LocalEndpoint {
  /** The local IP address that routes to the server (never a wildcard address). */
  address: string
  /** The UDP socket's port, the TCP listening port, or the TLS connection's own port. */
  port: number
}

/** What a channel reports to the transport that owns it. */
export interface SipChannelEvents {
  /** One whole SIP message, keep-alives already removed. */
  onMessage(message: string): void
  /** The connection ended without `close()` being called. Reported at most once. */
  onLost(error: TransportError): void
  /**
   * Every message as written to or read from a socket (retransmissions too, keep-alives not), with
   * the phone system's `address:port` at the other end; `note` marks one the channel made up itself.
   */
  onTrace?(direction: 'sent' | 'received', text: string, peer: string, note?: string): void
}

/**
 * One socket to the phone system, for the life of one connection: the part of a transport that
 * differs between UDP and TCP/TLS. The owning transport runs the state machine and Via fix-ups.
 */
export interface SipChannel {
  /** Where the phone system can reach us, once open. */
  readonly local: LocalEndpoint | undefined
  /** Resolves once messages can be sent; rejects with a TransportError. */
  open(): Promise<void>
  send(message: string): Promise<void>
  /** Never rejects; safe to call at any time and more than once. Stops every timer. */
  close(): Promise<void>
}
