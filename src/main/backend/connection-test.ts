import {
  isAccountConfigured,
  RETYPE_PASSWORD,
  sameAccountIdentity,
  type AccountSettings
} from '../../shared/account-settings'
import { checkAppSettings } from '../../shared/app-settings'
import type { ConnectionTestResult, SettingsUpdate } from '../../shared/ipc-contract'
import type { RegistrationStatus } from '../../shared/registration-status'
import { settleWithin } from '../../shared/settle-within'
import type { DeskDialServiceApi, DeskDialServiceOptions, Unsubscribe } from '../service/deskdial-service-api'
import type { BackendLog } from './backend-log'
import type { DiagnosticsKeeper } from './diagnostics-keeper'
import { passwordToUse } from './password-to-use'
import { serviceOptionsFor, stopServiceWithin } from './service-supervisor'

export interface ConnectionTestOptions {
  createService: (options: DeskDialServiceOptions) => DeskDialServiceApi
  /** The stored password, for when the update brings none and the account is the saved one. */
  storedPassword: () => Promise<string | undefined>
  savedAccount: () => AccountSettings
  log: BackendLog
  /** Keeps the test's SIP messages, registration changes and server moves with the app's. */
  diagnostics: DiagnosticsKeeper
  timeoutMs: number
  stopTimeoutMs: number
}

/** A sentence for a phone system that did not answer within `timeoutMs`. */
export function noAnswerSentence(timeoutMs: number): string {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000))
  return `The phone system did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Check the server address, the port and the transport.`
}

/**
 * "Test connection": registers a throw-away service with the settings as typed and says, in
 * words, whether that worked. The running service is left alone.
 */
export async function testConnection(
  update: SettingsUpdate,
  options: ConnectionTestOptions
): Promise<ConnectionTestResult> {
  const checked = checkAppSettings(update.settings)
  if (!checked.ok) return { ok: false, error: checked.problems.map((problem) => problem.error).join(' ') }
  const { account } = checked.settings
  if (!isAccountConfigured(account))
    return { ok: false, error: 'Enter the server, the account user and your desk phone number first.' }
  const chosen = await passwordToUse(
    update.password,
    sameAccountIdentity(account, options.savedAccount()),
    options.storedPassword
  )
  if (chosen.retype) return { ok: false, error: RETYPE_PASSWORD, field: 'password' }
  const { password } = chosen
  const log: BackendLog = (level, message) => options.log(level, `[test] ${message}`)
  let service: DeskDialServiceApi
  try {
    service = options.createService(serviceOptionsFor(account, password, log, options.diagnostics, 'connection test'))
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
  const { timeoutMs } = options
  let unsubscribe: Unsubscribe = () => undefined
  const outcome = new Promise<RegistrationStatus>((resolve) => {
    unsubscribe = service.onRegistration((status) => {
      options.diagnostics.noteRegistration(status, 'connection test')
      if (status.state === 'registered' || status.state === 'failed') resolve(status)
    })
  })
  try {
    const started = await settleWithin(service.start(), timeoutMs)
    if (!started.done) return { ok: false, error: noAnswerSentence(timeoutMs), status: service.registration }
    if (!account.register) return { ok: true, status: service.registration }
    const settled = await settleWithin(outcome, timeoutMs)
    if (!settled.done) return { ok: false, error: noAnswerSentence(timeoutMs), status: service.registration }
    const status = settled.value
    return status.state === 'registered' ? { ok: true, status } : { ok: false, error: status.reason, status }
  } catch (error) {
    return { ok: false, error: (error as Error).message, status: service.registration }
  } finally {
    unsubscribe()
    await stopServiceWithin(service, options.stopTimeoutMs, log)
  }
}
