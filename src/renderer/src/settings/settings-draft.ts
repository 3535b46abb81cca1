import type { AppSettings } from '../../../shared/app-settings'
import type { SettingsUpdate, SettingsView } from '../../../shared/ipc-contract'

/** The settings form's state: the settings plus what the user typed that is not stored as is. */
export interface SettingsDraft {
  settings: AppSettings
  /** One server per line, in failover order. */
  serversText: string
  /** A new password; empty keeps the stored one unless `forgetPassword`. */
  password: string
  forgetPassword: boolean
}

export function draftFrom(view: SettingsView): SettingsDraft {
  return {
    settings: view.settings,
    serversText: view.settings.account.servers.join('\n'),
    password: '',
    forgetPassword: false
  }
}

export function updateFrom(draft: SettingsDraft): SettingsUpdate {
  const servers = draft.serversText
    .split(/[\n,]/)
    .map((server) => server.trim())
    .filter(Boolean)
  const settings = { ...draft.settings, account: { ...draft.settings.account, servers } }
  if (draft.forgetPassword) return { settings, password: '' }
  return draft.password === '' ? { settings } : { settings, password: draft.password }
}

/** Where the main process may point a validation error, and the field that shows it. */
export const SETTINGS_FIELDS = [
  'account.servers',
  'account.transport',
  'account.user',
  'account.authUser',
  'password',
  'account.domain',
  'account.line',
  'account.displayName',
  'account.register',
  'account.expires',
  'account.caFile',
  'dialPlan.country',
  'dialPlan.outsideLinePrefix',
  'dialPlan.internalExtensionLength',
  'dialPlan.internationalPrefix',
  'dialPlan.dialE164WithPlus',
  'hotkey',
  'trustLinksWithoutConfirmation',
  'linkAutoDialIntervalSeconds',
  'startAtLogin',
  'notifications'
] as const

export type SettingsField = (typeof SETTINGS_FIELDS)[number]

/** The field a `saveSettings` error belongs to ("account.servers.1" and "servers" both mean the servers list). */
export function fieldOfError(field: string | undefined): SettingsField | undefined {
  if (!field) return undefined
  return SETTINGS_FIELDS.find(
    (known) => field === known || field.startsWith(`${known}.`) || known.endsWith(`.${field}`)
  )
}

export function inputId(field: SettingsField): string {
  return `setting-${field.replace(/\./g, '-')}`
}
