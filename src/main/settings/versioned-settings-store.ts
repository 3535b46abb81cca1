import type { AppSettings } from '../../shared/app-settings'
import { migrateSettingsDocument, SETTINGS_VERSION, type SettingsDocument } from './settings-migrations'
import { repairSettings } from './settings-repair'
import { checkAppSettings, settingsFieldLabel } from '../../shared/app-settings'

export interface LoadedSettings {
  settings: AppSettings
  /** True until the user has saved settings once (the first-run setup). */
  firstRun: boolean
  /** Something the user should know about the settings file, e.g. that a corrupt one was backed up. */
  notice?: string
}

/** Where the app's settings live. The password is never part of them (see `SecretStore`). */
export interface SettingsStore {
  load(): Promise<LoadedSettings>
  /** Persists valid settings and marks the first-run setup as done. */
  save(settings: AppSettings): Promise<void>
}

/** What a settings file held when it was read: `corrupt` when it is not JSON at all. */
export type SettingsFileContent = { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt' }

/** Where a {@link VersionedSettingsStore} keeps its {@link SettingsDocument}. */
export interface SettingsFile {
  read(): Promise<SettingsFileContent>
  /** Replaces the file, atomically: a crash leaves the old document or the new one. */
  write(document: SettingsDocument): Promise<void>
  /** Moves an unreadable file aside, so the next write starts a new one. Returns the backup's file name. */
  backUp(): Promise<string>
}

/**
 * Settings kept as a versioned document (`{ version, setupDone, settings }`): migrated to
 * {@link SETTINGS_VERSION} on load and written back, each unreadable field reset to its default,
 * and an unreadable file backed up so the app starts with defaults and tells the user.
 */
export class VersionedSettingsStore implements SettingsStore {
  readonly #file: SettingsFile
  readonly #defaults: AppSettings

  constructor(file: SettingsFile, defaults: AppSettings) {
    this.#file = file
    this.#defaults = defaults
  }

  async load(): Promise<LoadedSettings> {
    let content: SettingsFileContent
    try {
      content = await this.#file.read()
    } catch (error) {
      // A folder where the file should be, or no permission to read it: start, and say what is wrong.
      return {
        settings: structuredClone(this.#defaults),
        firstRun: true,
        notice: `DeskDial could not read its settings file (${(error as Error).message}) and started with default settings. Check that the file can be read and written, then set up your account again.`
      }
    }
    if (content.kind === 'missing') return { settings: structuredClone(this.#defaults), firstRun: true }
    const migrated =
      content.kind === 'ok'
        ? migrateSettingsDocument(content.value)
        : { ok: false as const, error: 'The settings file could not be read.' }
    if (!migrated.ok) {
      const backup = await this.#file.backUp()
      return {
        settings: structuredClone(this.#defaults),
        firstRun: true,
        notice: `${migrated.error} DeskDial kept a copy as ${backup} and started with default settings: please check your account in Settings.`
      }
    }
    const { settings, resetFields } = repairSettings(migrated.document.settings, this.#defaults)
    if (migrated.migratedFrom !== undefined || resetFields.length > 0)
      await this.#file.write({ version: SETTINGS_VERSION, setupDone: migrated.document.setupDone, settings })
    const loaded: LoadedSettings = { settings, firstRun: !migrated.document.setupDone }
    if (resetFields.length > 0)
      loaded.notice = `Some settings could not be read and were reset to their defaults: ${resetFields.map(settingsFieldLabel).join(', ')}. Please check them in Settings.`
    return loaded
  }

  async save(settings: AppSettings): Promise<void> {
    const checked = checkAppSettings(settings)
    if (!checked.ok) throw new Error(checked.problems[0]?.error ?? 'The settings are not valid.')
    await this.#file.write({ version: SETTINGS_VERSION, setupDone: true, settings: checked.settings })
  }
}
