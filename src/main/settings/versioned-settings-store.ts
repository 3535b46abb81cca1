import type { AppSettings } from '../../shared/app-settings'
import { migrateSettingsDocument, SETTINGS_VERSION, type SettingsDocument } from './settings-migrations'
import { repairSettings } from './settings-repair'
import { checkAppSettings, checkSettingsFields, settingsFieldLabel } from '../../shared/app-settings'
import {
  mergeSettings,
  NO_LAYERS,
  ownValues,
  settingsPaths,
  type SettingsLayers,
  type SettingsPart
} from './settings-layers'

export interface LoadedSettings {
  /** The settings to run with: the built-in defaults < the policy's defaults < the user's own < locked. */
  settings: AppSettings
  /** What the user set themselves: the file's values that differ from the built-in defaults. */
  own: SettingsPart
  /** True until the user has saved settings once (the first-run setup). */
  firstRun: boolean
  /** Something the user should know about the settings file, e.g. that a corrupt one was backed up. */
  notice?: string
}

/** Where the app's settings live. The password is never part of them (see `SecretStore`). */
export interface SettingsStore {
  load(layers?: SettingsLayers): Promise<LoadedSettings>
  /**
   * Persists the user's own values among valid `settings` (those that differ from the built-in and
   * the policy's defaults, and are not locked) and marks the first-run setup as done.
   */
  save(settings: AppSettings, layers?: SettingsLayers): Promise<void>
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
 * The file holds the built-in defaults with the user's own values over them; a policy's values
 * (`layers`) are laid around them on load and never written.
 */
export class VersionedSettingsStore implements SettingsStore {
  readonly #file: SettingsFile
  readonly #defaults: AppSettings

  constructor(file: SettingsFile, defaults: AppSettings) {
    this.#file = file
    this.#defaults = defaults
  }

  async load(layers: SettingsLayers = NO_LAYERS): Promise<LoadedSettings> {
    let content: SettingsFileContent
    try {
      content = await this.#file.read()
    } catch (error) {
      // A folder where the file should be, or no permission to read it: start, and say what is wrong.
      return {
        ...this.#withoutOwn(layers),
        notice: `DeskDial could not read its settings file (${(error as Error).message}) and started with default settings. Check that the file can be read and written, then set up your account again.`
      }
    }
    if (content.kind === 'missing') return this.#withoutOwn(layers)
    const migrated =
      content.kind === 'ok'
        ? migrateSettingsDocument(content.value)
        : { ok: false as const, error: 'The settings file could not be read.' }
    if (!migrated.ok) {
      const backup = await this.#file.backUp()
      return {
        ...this.#withoutOwn(layers),
        notice: `${migrated.error} DeskDial kept a copy as ${backup} and started with default settings: please check your account in Settings.`
      }
    }
    const found = ownValues(migrated.document.settings, this.#defaults, settingsPaths(layers.over))
    const { settings, resetFields } = repairSettings(
      mergeSettings(this.#defaults, layers.under, found, layers.over),
      this.#defaults,
      checkSettingsFields
    )
    const own = ownValues(found, this.#defaults, resetFields)
    if (migrated.migratedFrom !== undefined || resetFields.length > 0)
      await this.#file.write({
        version: SETTINGS_VERSION,
        setupDone: migrated.document.setupDone,
        settings: mergeSettings(this.#defaults, own)
      })
    const loaded: LoadedSettings = { settings, own, firstRun: !migrated.document.setupDone }
    if (resetFields.length > 0)
      loaded.notice = `Some settings could not be read and were reset to their defaults: ${resetFields.map(settingsFieldLabel).join(', ')}. Please check them in Settings.`
    return loaded
  }

  async save(settings: AppSettings, layers: SettingsLayers = NO_LAYERS): Promise<void> {
    const checked = checkAppSettings(settings)
    if (!checked.ok) throw new Error(checked.problems[0]?.error ?? 'The settings are not valid.')
    const shown = mergeSettings(this.#defaults, layers.under)
    const own = ownValues(checked.settings, shown, settingsPaths(layers.over))
    await this.#file.write({ version: SETTINGS_VERSION, setupDone: true, settings: mergeSettings(this.#defaults, own) })
  }

  /** The settings before the user has set anything. */
  #withoutOwn(layers: SettingsLayers): LoadedSettings {
    const { settings } = repairSettings(
      mergeSettings(this.#defaults, layers.under, layers.over),
      this.#defaults,
      checkSettingsFields
    )
    return { settings, own: {}, firstRun: true }
  }
}
