/**
 * What the window sees of the settings and answers to saving and testing them: the shapes the
 * settings commands of the IPC contract (`SettingsCommands`, `DemoCommands`) carry.
 */
import type { AppSettings } from './app-settings'
import type { RegistrationStatus } from './registration-status'

export type SecretStorageKind = 'os-keychain' | 'basic-text' | 'unavailable'

export interface SettingsView {
  settings: AppSettings
  /** Whether a SIP password is stored (the password itself never crosses IPC towards the renderer). */
  passwordSet: boolean
  /** Whether the company directory's bind password is stored (never the password itself). */
  directoryPasswordSet: boolean
  secretStorage: SecretStorageKind
  /** True until the first-run setup has been completed. */
  firstRun: boolean
  /** A message for the user about the settings file, e.g. that a corrupt file was backed up. */
  notice?: string
  /** Set while DeskDial uses the built-in demo phone system it runs itself. */
  demo?: DemoPhoneSystemView
  /** The administrator's policy in force (see README "For administrators: policy"). */
  policy: PolicyView
}

/** What the window shows of the administrator's policy. */
export interface PolicyView {
  /** The policy file's path and the provisioning URL in force: "Managed by …". */
  sources: string[]
  /** Dotted settings keys the policy locks ("account.servers"): shown disabled, "Set by your administrator". */
  locked: string[]
  /** Dotted settings keys the policy gives a default: the first run does not ask for them. */
  defaults: string[]
  /** Wrong keys of the policy, each a sentence naming the file (or URL) and the key. */
  problems: string[]
  /** The provisioning URL could not be fetched: which copy is used. */
  notice?: string
}

/** What the window tells about the built-in demo phone system. */
export interface DemoPhoneSystemView {
  /** host:port it listens on, on this computer only. */
  server: string
  /** The virtual desk phone that rings first. */
  deskPhone: string
  /** A number that answers. */
  answeringNumber: string
  /** Numbers that fail on purpose, e.g. 486 "is busy". */
  specialNumbers: { number: string; behaviour: string }[]
}

export interface SettingsUpdate {
  settings: AppSettings
  /** A new password; omitted keeps the stored one, empty string removes it. */
  password?: string
  /** A new bind password for the company directory, likewise; empty string binds anonymously. */
  directoryPassword?: string
}

export type SaveResult = { ok: true; view: SettingsView } | { ok: false; error: string; field?: string }

export type ConnectionTestResult =
  | { ok: true; status: RegistrationStatus }
  /** `field` names the setting to fix, e.g. "password" when it must be typed again. */
  | { ok: false; error: string; field?: string; status?: RegistrationStatus }

/** "Test directory": what the server said, e.g. "Found 2,000 people", or why it failed. */
export type DirectoryTestResult =
  | { ok: true; detail: string }
  /** `field` names the setting to fix, e.g. "directoryPassword" when it must be typed again. */
  | { ok: false; error: string; field?: string }

/**
 * The user's own desk phone, as the company directory knows them by login name: proposed, never
 * set without the person saying yes. `none` when the directory is off, the desk phone is already
 * set, nobody was found, or the directory could not be asked.
 */
export type DeskPhoneProposal =
  | { state: 'found'; deskPhone: string; name: string }
  | { state: 'several'; choices: { deskPhone: string; name: string }[] }
  | { state: 'none' }
