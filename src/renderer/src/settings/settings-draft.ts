import type { AppSettings } from '../../../shared/app-settings'
import { DIRECTORY_FIELDS } from '../../../shared/directory-settings'
import type { SettingsUpdate, SettingsView } from '../../../shared/ipc-contract'

/** The settings form's state: the settings plus what the user typed that is not stored as is. */
export interface SettingsDraft {
  settings: AppSettings
  /** One server per line, in failover order. */
  serversText: string
  /** A new password; empty keeps the stored one unless `forgetPassword`. */
  password: string
  forgetPassword: boolean
  /** A new bind password for the company directory; empty keeps the stored one unless `forgetDirectoryPassword`. */
  directoryPassword: string
  /** Remove the stored bind password on save: the directory is then bound anonymously. */
  forgetDirectoryPassword: boolean
}

export function draftFrom(view: SettingsView): SettingsDraft {
  return {
    settings: view.settings,
    serversText: view.settings.account.servers.join('\n'),
    password: '',
    forgetPassword: false,
    directoryPassword: '',
    forgetDirectoryPassword: false
  }
}

/** The bind password as the draft has it: typed, '' to bind anonymously, or `undefined` to keep the stored one. */
export function directoryPasswordFrom(draft: SettingsDraft): string | undefined {
  if (draft.forgetDirectoryPassword) return ''
  return draft.directoryPassword === '' ? undefined : draft.directoryPassword
}

export function updateFrom(draft: SettingsDraft): SettingsUpdate {
  const servers = draft.serversText
    .split(/[\n,]/)
    .map((server) => server.trim())
    .filter(Boolean)
  const settings = { ...draft.settings, account: { ...draft.settings.account, servers } }
  const update: SettingsUpdate = { settings }
  if (draft.forgetPassword) update.password = ''
  else if (draft.password !== '') update.password = draft.password
  const directoryPassword = directoryPasswordFrom(draft)
  if (directoryPassword !== undefined) update.directoryPassword = directoryPassword
  return update
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
  'notifications',
  'screenPopUrl',
  'directory.enabled',
  'directory.kind',
  'directory.url',
  'directory.startTls',
  'directory.caFile',
  'directory.bindDn',
  'directoryPassword',
  'directory.baseDn',
  'directory.filter',
  ...DIRECTORY_FIELDS.map((field) => `directory.attributes.${field}` as const),
  'directory.loginAttributes'
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
