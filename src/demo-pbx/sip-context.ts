/** What the parts of the demo phone system share to put SIP messages on the wire. */
import { randomBytes } from 'node:crypto'
import type { Flow } from './sip-network'
import { parseUri, type SipRequest } from './sip-message'
import type { TransactionLayer } from './transactions'

export interface SipContext {
  transactions: TransactionLayer
  /** Host for our URIs (From/To of the calls we place). */
  domain: string
  /** host:port of our Via and Contact. */
  sentBy: string
  /** In-dialog requests from phones, by Call-ID, to the leg that owns the dialog. */
  dialogs: Map<string, (request: SipRequest, flow: Flow) => void>
  log(line: string): void
}

export function randomToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex')
}

/**
 * Where to send requests for a party that contacted us on `receivedOn` with this Contact
 * (RFC 3261 §8.1.2, §10.3): the Contact's host and port; over TCP, on the connection the party
 * opened while it lasts.
 */
export function flowToContact(contact: string, receivedOn: Flow): Flow {
  const uri = parseUri(contact)
  const address = uri?.host.replace(/^\[|\]$/g, '') || receivedOn.address
  const port = uri?.port ?? 5060
  if (receivedOn.transport === 'udp') return { transport: 'udp', address, port }
  return { transport: 'tcp', address, port, connection: receivedOn.connection }
}

export function contactHeader(context: SipContext, flow: Flow): string {
  return `<sip:demo-pbx@${context.sentBy};transport=${flow.transport}>`
}
