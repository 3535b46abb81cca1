import { isSupportedCountry } from 'libphonenumber-js'
import type { AccountSettings, SipTransportProtocol } from '../../shared/account-settings'
import type { AppSettings, DialPlanSettings } from '../../shared/ipc-contract'
import { parseServerAddress } from '../sip/server-address'

/** One thing wrong with the settings: `field` is a dotted path such as "account.servers". */
export interface FieldProblem {
  field: string
  error: string
}

export type SettingsCheck = { ok: true; settings: AppSettings } | { ok: false; problems: FieldProblem[] }

const TRANSPORTS: readonly SipTransportProtocol[] = ['udp', 'tcp', 'tls']
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
// The same character sets the DeskDial service accepts (see accountProblems in the service).
const SIP_USER = /^[A-Za-z0-9._~+-]{1,64}$/
const AUTH_USER = /^[^\s"\\]{1,128}$/
const LINE = /^[A-Za-z0-9*#+._~-]{1,64}$/
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta'])
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'numadd', 'numsub', 'nummult', 'numdiv', 'numdec'
])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether Electron's `globalShortcut` would understand `accelerator` (modifiers, then one key). */
export function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  if (parts.length === 0 || !parts.every((part) => MODIFIERS.has(part.toLowerCase()))) return false
  return /^[A-Za-z0-9]$/.test(key) || /^[)!@#$%^&*(:;:+=<,_\->.?/~`{\]}[|\\"']$/.test(key) || /^F([1-9]|1\d|2[0-4])$/.test(key) || /^num[0-9]$/.test(key) || NAMED_KEYS.has(key.toLowerCase())
}

class Checker {
  readonly problems: FieldProblem[] = []

  fail(field: string, error: string): undefined {
    this.problems.push({ field, error })
    return undefined
  }

  text(source: Record<string, unknown>, key: string, field: string, optional: boolean): string | undefined {
    const value = source[key]
    if (value === undefined || value === null) return optional ? undefined : ''
    if (typeof value !== 'string') return this.fail(field, `${settingsFieldLabel(field)} must be text.`)
    const trimmed = value.trim()
    return optional && trimmed === '' ? undefined : trimmed
  }

  flag(source: Record<string, unknown>, key: string, field: string): boolean {
    const value = source[key]
    if (typeof value === 'boolean') return value
    this.fail(field, `${settingsFieldLabel(field)} must be on or off.`)
    return false
  }

  whole(source: Record<string, unknown>, key: string, field: string, min: number, max: number): number {
    const value = source[key]
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value
    this.fail(field, `${settingsFieldLabel(field)} must be a whole number from ${min} to ${max}.`)
    return min
  }
}

const LABELS: Record<string, string> = {
  'account.servers': 'Server',
  'account.transport': 'Transport',
  'account.user': 'Account user',
  'account.authUser': 'Authentication user',
  'account.domain': 'SIP domain',
  'account.line': 'Desk phone number',
  'account.displayName': 'Display name',
  'account.register': 'Register',
  'account.expires': 'Registration lifetime (seconds)',
  'account.caFile': 'CA certificate file',
  'dialPlan.country': 'Country',
  'dialPlan.outsideLinePrefix': 'Outside line prefix',
  'dialPlan.internalExtensionLength': 'Internal extension length',
  'dialPlan.internationalPrefix': 'International prefix',
  'dialPlan.dialE164WithPlus': 'Dial numbers with +',
  hotkey: 'Quick-dial hotkey',
  trustLinksWithoutConfirmation: 'Dial links without asking',
  startAtLogin: 'Start at login',
  notifications: 'Notifications'
}

/** The name a person sees in Settings for a dotted field path. */
export function settingsFieldLabel(field: string): string {
  return LABELS[field] ?? field
}

function checkAccount(check: Checker, value: unknown): AccountSettings {
  const source = isRecord(value) ? value : {}
  if (!isRecord(value)) check.fail('account', 'The account settings are missing.')
  const servers: string[] = []
  if (!Array.isArray(source.servers)) {
    check.fail('account.servers', 'Server must be a list of addresses.')
  } else {
    for (const entry of source.servers) {
      const server = typeof entry === 'string' ? entry.trim() : ''
      if (server === '') continue
      try {
        parseServerAddress(server, 'udp')
        servers.push(server)
      } catch (error) {
        check.fail('account.servers', (error as Error).message)
      }
    }
  }
  const transport = source.transport
  if (!TRANSPORTS.includes(transport as SipTransportProtocol)) check.fail('account.transport', 'Transport must be UDP, TCP or TLS.')
  const user = check.text(source, 'user', 'account.user', false) ?? ''
  const authUser = check.text(source, 'authUser', 'account.authUser', true)
  const domain = check.text(source, 'domain', 'account.domain', true)
  const line = check.text(source, 'line', 'account.line', false) ?? ''
  const displayName = check.text(source, 'displayName', 'account.displayName', true)
  const register = check.flag(source, 'register', 'account.register')
  const expires = check.whole(source, 'expires', 'account.expires', 60, 86400)
  const caFile = check.text(source, 'caFile', 'account.caFile', true)

  // No account at all is allowed (DeskDial then waits to be set up); half an account is not.
  const configured = servers.length > 0 || user !== '' || line !== ''
  if (configured) {
    if (servers.length === 0 && !check.problems.some((p) => p.field === 'account.servers')) check.fail('account.servers', 'Enter the address of your phone system, e.g. pbx.example.com.')
    if (user === '') check.fail('account.user', "Enter DeskDial's account user, e.g. 201.")
    if (line === '') check.fail('account.line', 'Enter the number of your desk phone, e.g. 200.')
  }
  if (user !== '' && !SIP_USER.test(user)) check.fail('account.user', 'Account user may contain letters, digits and . _ ~ + - only (at most 64).')
  if (authUser !== undefined && !AUTH_USER.test(authUser)) check.fail('account.authUser', 'Authentication user cannot contain spaces, quotes or backslashes.')
  if (line !== '' && !LINE.test(line)) check.fail('account.line', 'Desk phone number may contain letters, digits and * # + . _ ~ - only (at most 64).')
  if (domain !== undefined && !HOST.test(domain)) check.fail('account.domain', `“${domain}” is not a domain: write it like example.com.`)
  if (displayName !== undefined && (displayName.length > 64 || /["\\\p{Cc}]/u.test(displayName))) check.fail('account.displayName', 'Display name must be at most 64 characters, without quotes or backslashes.')

  const account: AccountSettings = { servers, transport: TRANSPORTS.includes(transport as SipTransportProtocol) ? (transport as SipTransportProtocol) : 'udp', user, line, register, expires }
  if (authUser !== undefined) account.authUser = authUser
  if (domain !== undefined) account.domain = domain
  if (displayName !== undefined) account.displayName = displayName
  if (caFile !== undefined) account.caFile = caFile
  return account
}

function checkDialPlan(check: Checker, value: unknown): DialPlanSettings {
  const source = isRecord(value) ? value : {}
  if (!isRecord(value)) check.fail('dialPlan', 'The dial plan settings are missing.')
  const country = (check.text(source, 'country', 'dialPlan.country', false) ?? '').toUpperCase()
  if (!isSupportedCountry(country)) check.fail('dialPlan.country', 'Choose the country of your desk phone, e.g. DE, GB or US.')
  const outsideLinePrefix = check.text(source, 'outsideLinePrefix', 'dialPlan.outsideLinePrefix', false) ?? ''
  if (!/^[0-9*#]{0,8}$/.test(outsideLinePrefix)) check.fail('dialPlan.outsideLinePrefix', 'Outside line prefix must be up to 8 digits (or * and #), e.g. 0 or 9, or empty when none is needed.')
  const internalExtensionLength = check.whole(source, 'internalExtensionLength', 'dialPlan.internalExtensionLength', 0, 15)
  const internationalPrefix = check.text(source, 'internationalPrefix', 'dialPlan.internationalPrefix', false) ?? ''
  if (!/^[0-9]{1,8}$/.test(internationalPrefix)) check.fail('dialPlan.internationalPrefix', 'International prefix must be 1 to 8 digits, e.g. 00 or 011.')
  const dialE164WithPlus = check.flag(source, 'dialE164WithPlus', 'dialPlan.dialE164WithPlus')
  return { country, outsideLinePrefix, internalExtensionLength, internationalPrefix, dialE164WithPlus }
}

/**
 * Checks settings from any source (the settings file, the renderer) and returns them trimmed and
 * without unknown keys, or every problem as a sentence for the field it is about.
 */
export function checkAppSettings(value: unknown): SettingsCheck {
  const check = new Checker()
  if (!isRecord(value)) return { ok: false, problems: [{ field: 'settings', error: 'The settings are missing.' }] }
  const account = checkAccount(check, value.account)
  const dialPlan = checkDialPlan(check, value.dialPlan)
  const hotkey = check.text(value, 'hotkey', 'hotkey', false) ?? ''
  if (hotkey !== '' && !isAccelerator(hotkey)) check.fail('hotkey', `“${hotkey}” is not a hotkey DeskDial can use: combine modifiers and one key, e.g. CommandOrControl+Alt+D, or leave it empty for none.`)
  const trustLinksWithoutConfirmation = check.flag(value, 'trustLinksWithoutConfirmation', 'trustLinksWithoutConfirmation')
  const startAtLogin = check.flag(value, 'startAtLogin', 'startAtLogin')
  const notifications = check.flag(value, 'notifications', 'notifications')
  if (check.problems.length > 0) return { ok: false, problems: check.problems }
  return { ok: true, settings: { account, dialPlan, hotkey, trustLinksWithoutConfirmation, startAtLogin, notifications } }
}
