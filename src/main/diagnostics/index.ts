/**
 * What a phone administrator needs when a dial fails: every SIP message DeskDial sent and
 * received, secrets redacted, kept in a bounded log, and a plain-text report of it.
 *
 * ```ts
 * const log = new SipMessageLog()
 * const service = new DeskDialService({ account, password, onTrace: (entry) => log.add(entry) })
 * const text = diagnosticsReport({ version, account, registrationHistory, failoverHistory, log, callId, generatedAt: Date.now() })
 * ```
 * @packageDocumentation
 */
export { diagnosticsReport, formatLoggedMessage, type DiagnosticsReportInput } from './diagnostics-report'
export { redactCredentials } from './redact-credentials'
export { DEFAULT_LOG_CAPACITY, SipMessageLog, type LoggedSipMessage } from './sip-message-log'
