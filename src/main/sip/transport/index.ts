/**
 * DeskDial's SIP transports for sip.js under Node: UDP, TCP and TLS.
 *
 * ```ts
 * const transportOptions: SipTransportOptions = { protocol: 'tls', host, port: 5061, viaHost, caFile }
 * const ua = new UserAgent({ viaHost, forceRport: true, transportConstructor: NodeSipTransport, transportOptions })
 * ```
 * @packageDocumentation
 */
export { NodeSipTransport, type NodeSipTransportInstance } from './node-sip-transport'
export type { SipTransportOptions, TransportLogLevel } from './sip-transport-options'
export type { RetransmitTimers } from './udp-retransmitter'
export { TransportError, type TransportErrorCode } from './transport-errors'
export { isUnreachableWarning } from './unreachable-response'
export { callIdOf, readCseq, readStartLine, viaValueCount } from './sip-message-head'
export { topViaBranch } from './via-rewriter'
