import { DEFAULT_PORTS, type SipTransportProtocol } from './sip-transport'

/** Where one phone-system server listens. */
export interface ServerAddress {
  host: string
  port: number
}

/** A DNS host name or IPv4 address, label by label. */
export const HOST_NAME =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/

/** Parses `host`, `host:port` or `[ipv6]:port`; throws a sentence for people when it is neither. */
export function parseServerAddress(text: string, transport: SipTransportProtocol): ServerAddress {
  const value = text.trim()
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?$/.exec(value)
  const plain = /^([^:[\]\s]+)(?::(\d{1,5}))?$/.exec(value)
  const host = bracketed?.[1] ?? plain?.[1]
  const port = Number(bracketed?.[2] ?? plain?.[2] ?? DEFAULT_PORTS[transport])
  if (!host || (!bracketed && !HOST_NAME.test(host))) {
    throw new Error(
      `"${text}" is not a server address. Use a host name or IP address, optionally with :port (e.g. pbx.example.com:5060).`
    )
  }
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`The port in "${text}" must be a number from 1 to 65535.`)
  }
  return { host, port }
}
