/** How DeskDial reaches the phone system: the one list of transports every layer uses. */
export const SIP_TRANSPORTS = ['udp', 'tcp', 'tls'] as const

export type SipTransportProtocol = (typeof SIP_TRANSPORTS)[number]

export const DEFAULT_PORTS: Record<SipTransportProtocol, number> = { udp: 5060, tcp: 5060, tls: 5061 }

export function isSipTransport(value: unknown): value is SipTransportProtocol {
  return SIP_TRANSPORTS.includes(value as SipTransportProtocol)
}
