import type { AccountSettings } from '../../shared/account-settings'
import type { LoggedSipMessage, SipMessageLog } from './sip-message-log'

export interface DiagnosticsReportInput {
  /** DeskDial's version, e.g. from package.json. */
  version: string
  /** The account in use. Only its named fields are printed; there is no password among them. */
  account: AccountSettings
  /** One line per registration change, oldest first, as the caller worded them. */
  registrationHistory: readonly string[]
  /** One line per move between servers, oldest first, as the caller worded them. */
  failoverHistory: readonly string[]
  log: SipMessageLog
  /** Only this call's messages (its Call-ID); all messages when absent. */
  callId?: string
  /** When the report is made, in milliseconds since the epoch. */
  generatedAt: number
}

/**
 * The plain-text report a phone administrator asks for when a dial fails: DeskDial's version, the
 * account without its password, the registration and failover history, and the SIP messages in
 * the order they crossed the wire, credentials redacted.
 */
export function diagnosticsReport(input: DiagnosticsReportInput): string {
  const { account, log, callId } = input
  const messages = log.messages(callId)
  const sections = [
    ['DeskDial diagnostics', `Version: ${input.version}`, `Made: ${new Date(input.generatedAt).toISOString()}`],
    ['Account', ...accountLines(account)],
    ['Registration history', ...orNone(input.registrationHistory)],
    ['Failover history', ...orNone(input.failoverHistory)],
    // A blank line before each message: a message's own blank line (before a body) would blur the boundary otherwise.
    [
      messagesHeading(messages.length, log.capacity, callId),
      ...messages.map((message) => `\n${formatLoggedMessage(message, messages[0].at)}`)
    ]
  ]
  return sections.map((lines) => lines.join('\n')).join('\n\n') + '\n'
}

/**
 * One message for people: a heading line (id, time, offset from `since`, direction, transport,
 * peer, and whether it is a retransmission or made up by DeskDial), then the message's lines.
 */
export function formatLoggedMessage(message: LoggedSipMessage, since: number): string {
  const way = message.direction === 'sent' ? `sent ${message.transport} to` : `received ${message.transport} from`
  const offset = ((message.at - since) / 1000).toFixed(3)
  const marks = [message.retransmission ? 'retransmission' : undefined, message.note].filter(
    (mark) => mark !== undefined
  )
  const heading = `--- #${message.seq} ${new Date(message.at).toISOString()} (+${offset} s) ${way} ${message.peer}${marks.length ? ` [${marks.join('; ')}]` : ''}`
  return `${heading}\n${message.text.replace(/\r\n/g, '\n').trimEnd()}`
}

function accountLines(account: AccountSettings): string[] {
  const lines = [
    `User: ${account.user || '(not set)'}`,
    account.authUser ? `Authentication user: ${account.authUser}` : undefined,
    `Domain: ${account.domain || "(not set: the server's host)"}`,
    `Desk phone: ${account.line || '(not set)'}`,
    `Servers: ${account.servers.length ? account.servers.join(', ') : '(none)'}`,
    `Transport: ${account.transport.toUpperCase()}`,
    `Registration: ${account.register ? `yes, for ${account.expires} s` : 'no'}`,
    account.caFile ? `CA certificate file: ${account.caFile}` : undefined
  ]
  return lines.filter((line) => line !== undefined).map((line) => `  ${line}`)
}

function orNone(lines: readonly string[]): string[] {
  return lines.length ? lines.map((line) => `  ${line}`) : ['  (none)']
}

function messagesHeading(count: number, capacity: number, callId: string | undefined): string {
  const which = callId === undefined ? 'All SIP messages' : `SIP messages of the call with Call-ID ${callId}`
  if (count === 0) return `${which}: none left in the log (it keeps the last ${capacity} messages)`
  return `${which}, oldest first (${count}; the log keeps the last ${capacity} messages)`
}
