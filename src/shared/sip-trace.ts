/**
 * One SIP message as it crossed the wire: what the SIP layer reports to diagnostics (the message
 * log, the CLI's `--trace`). The SIP layer fills it in; it never reads it back.
 */
export interface SipTraceEntry {
  /** When the message was handed to the socket or read from it, in milliseconds since the epoch. */
  at: number
  direction: 'sent' | 'received'
  transport: 'UDP' | 'TCP' | 'TLS'
  /** The phone system's end of the socket, `address:port` (`[v6]:port`). */
  peer: string
  /** The whole message as on the wire, credentials included: redact it before keeping or showing it. */
  text: string
  /** Set when DeskDial made the message up itself in the network's place, saying why. */
  note?: string
}

/** Where the SIP layer reports every message it sends and receives, retransmissions included. */
export type SipTrace = (entry: SipTraceEntry) => void
