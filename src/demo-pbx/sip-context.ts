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
 * Where to send requests for a party that contacted us on `receivedOn` with this Contact: UDP back
 * to the address it sent from (works behind NAT), TCP on its connection, or to the Contact's
 * host and port when that connection has closed.
 */
export function flowToContact(contact: string, receivedOn: Flow): Flow {
  if (receivedOn.transport === 'udp') return { transport: 'udp', address: receivedOn.address, port: receivedOn.port }
  const uri = parseUri(contact)
  return { transport: 'tcp', address: uri?.host.replace(/^\[|\]$/g, '') || receivedOn.address, port: uri?.port ?? 5060, connection: receivedOn.connection }
}

export function contactHeader(context: SipContext, flow: Flow): string {
  return `<sip:demo-pbx@${context.sentBy};transport=${flow.transport}>`
}
