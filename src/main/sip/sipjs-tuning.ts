/**
 * How DeskDial changes sip.js, once, when the endpoint is first imported: the request screen reads
 * with sip.js's own parser and grammar (and hands sip.js that parse), outgoing messages lose an
 * empty `Supported:`, server transactions keep Timer J (per transport), and branches are unique across time.
 */
import { randomBytes } from 'node:crypto'
import { Core, Grammar } from 'sip.js'
import type { RequestScreenOptions } from './request-screen'
import { useTimerJPerTransport } from './timer-j'

/** The sip.js grammar rule for each header sip.js parses on receipt. */
const HEADER_RULES: Record<string, string> = {
  via: 'Via',
  from: 'From',
  to: 'To',
  'call-id': 'Call_ID',
  contact: 'Contact',
  'content-length': 'Content_Length',
  'content-type': 'Content_Type',
  cseq: 'CSeq',
  'max-forwards': 'Max_Forwards',
  'refer-to': 'Refer_To',
  'record-route': 'Record_Route'
}

/**
 * The request screen reads each request with sip.js's own parser, and sip.js then gets that
 * parse instead of parsing the same text again (a parse costs about 25 µs per header).
 */
const parseWithSipjs = Core.Parser.parseMessage.bind(Core.Parser)
const QUIET = {
  error: () => undefined,
  warn: () => undefined,
  log: () => undefined,
  debug: () => undefined
} as unknown as Parameters<typeof parseWithSipjs>[1]
let screened: { text: string; message: ReturnType<typeof parseWithSipjs> } | undefined
Core.Parser.parseMessage = (data, logger) => {
  const parsed = screened?.text === data ? screened.message : parseWithSipjs(data, logger)
  screened = undefined
  return parsed
}

/** Checks a request with the parser and grammar sip.js will read it with. */
export const SIP_GRAMMAR: RequestScreenOptions = {
  parses: (text) => {
    const message = parseWithSipjs(text, QUIET)
    screened = message ? { text, message } : undefined
    return message !== undefined
  },
  isWellFormed: (name, value) => {
    const parsed: unknown =
      name === 'request-uri'
        ? Grammar.parse(`OPTIONS ${value} SIP/2.0`, 'Request_Response')
        : HEADER_RULES[name]
          ? Grammar.parse(value, HEADER_RULES[name])
          : 0
    return parsed !== -1 && parsed !== undefined
  }
}

/** sip.js writes `Supported:` even with no option tag to list; DeskDial supports none. */
export function withoutEmptySupported(message: string): string {
  const headEnd = message.indexOf('\r\n\r\n')
  if (headEnd === -1) return message
  return message.slice(0, headEnd).replace(/\r\nSupported:[ \t]*(?=\r\n|$)/gi, '') + message.slice(headEnd)
}

// Timer J per transport (see timer-j.ts). Timer K stays 0: a retransmitted final response then
// finds no transaction and is discarded, which is all Timer K would achieve, without the orphaned
// 5 s timer of a digest-retried request.
useTimerJPerTransport()

// sip.js draws a branch from ten million values (`z9hG4bK` + 7 digits). A phone system keeps each
// branch for 32 s (Timer J) and answers a new request with a remembered branch from that
// transaction: in the soak, about one dial in 2,000 got another call's 202 and failed after 32 s.
// RFC 3261 8.1.1.7 asks for branches unique across time: 96 random bits each. A CANCEL keeps its
// INVITE's branch, as before.
const transactions = Core.ClientTransaction as unknown as { makeId(request: Core.OutgoingRequestMessage): string }
const makeSipjsId = transactions.makeId.bind(transactions)
transactions.makeId = (request) =>
  request.method === 'CANCEL' ? makeSipjsId(request) : `z9hG4bK${randomBytes(12).toString('base64url')}`
