import { join } from 'node:path'
import type { AppSettings } from '../../shared/ipc-contract'
import { backUpUnreadableFile, readJsonFile, writeJsonFileAtomic, WriteQueue } from './atomic-json-file'
import { migrateSettingsDocument, SETTINGS_VERSION, type SettingsDocument } from './settings-migrations'
import { checkAppSettings, settingsFieldLabel } from './settings-validation'

export interface LoadedSettings {
  settings: AppSettings
  /** True until the user has saved settings once (the first-run setup). */
  firstRun: boolean
  /** Something the user should know about the settings file, e.g. that a corrupt one was backed up. */
  notice?: string
}

/** Where the app's settings live. The password is never part of them (see {@link SecretStore}). */
export interface SettingsStore {
  load(): Promise<LoadedSettings>
  /** Persists valid settings and marks the first-run setup as done. */
  save(settings: AppSettings): Promise<void>
}

export interface FileSettingsStoreOptions {
  /** The app's data directory; the file is `settings.json` inside it. */
  directory: string
  defaults: AppSettings
  now?: () => number
}

type Path = readonly [keyof AppSettings] | readonly ['account' | 'dialPlan', string]

function pathOf(field: string): Path | undefined {
  const [section, key] = field.split('.')
  if (key === undefined) return [section as keyof AppSettings]
  return section === 'account' || section === 'dialPlan' ? [section, key] : undefined
}

/** Defaults with every readable value of `loaded` laid over them. */
function overlay(defaults: AppSettings, loaded: unknown): Record<string, unknown> {
  const source = typeof loaded === 'object' && loaded !== null && !Array.isArray(loaded) ? (loaded as Record<string, unknown>) : {}
  const merged: Record<string, unknown> = { ...defaults, ...source }
  for (const section of ['account', 'dialPlan'] as const) {
    const value = source[section]
    merged[section] = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...defaults[section], ...value } : { ...defaults[section] }
  }
  return merged
}

/**
 * Settings read from a file: each field that does not pass the checks falls back to its default,
 * so one bad value does not cost the user the rest of their settings.
 */
export function repairSettings(loaded: unknown, defaults: AppSettings): { settings: AppSettings; resetFields: string[] } {
  const candidate = overlay(defaults, loaded)
  const first = checkAppSettings(candidate)
  if (first.ok) return { settings: first.settings, resetFields: [] }
  const resetFields = [...new Set(first.problems.map((problem) => problem.field))]
  for (const field of resetFields) {
    const path = pathOf(field)
    if (path?.length === 1) candidate[path[0]] = structuredClone(defaults[path[0]])
    else if (path?.length === 2) (candidate[path[0]] as Record<string, unknown>)[path[1]] = structuredClone((defaults[path[0]] as unknown as Record<string, unknown>)[path[1]])
  }
  const second = checkAppSettings(candidate)
  if (second.ok) return { settings: second.settings, resetFields }
  // What is left spans fields (e.g. half an account): reset those sections whole.
  for (const problem of second.problems) {
    const section = problem.field.split('.')[0] as keyof AppSettings
    if (section in defaults) candidate[section] = structuredClone(defaults[section])
  }
  const third = checkAppSettings(candidate)
  return third.ok ? { settings: third.settings, resetFields } : { settings: structuredClone(defaults), resetFields: ['settings'] }
}

/** Settings in `<directory>/settings.json`, versioned, migrated on load, written atomically. */
export class FileSettingsStore implements SettingsStore {
  readonly #file: string
  readonly #defaults: AppSettings
  readonly #now: () => number
  readonly #writes = new WriteQueue()

  constructor(options: FileSettingsStoreOptions) {
    this.#file = join(options.directory, 'settings.json')
    this.#defaults = options.defaults
    this.#now = options.now ?? Date.now
  }

  async load(): Promise<LoadedSettings> {
    const content = await readJsonFile(this.#file)
    if (content.kind === 'missing') return { settings: structuredClone(this.#defaults), firstRun: true }
    const migrated = content.kind === 'ok' ? migrateSettingsDocument(content.value) : { ok: false as const, error: 'The settings file could not be read.' }
    if (!migrated.ok) {
      const backup = await backUpUnreadableFile(this.#file, this.#now())
      return {
        settings: structuredClone(this.#defaults),
        firstRun: true,
        notice: `${migrated.error} DeskDial kept a copy as ${backup} and started with default settings: please check your account in Settings.`
      }
    }
    const { settings, resetFields } = repairSettings(migrated.document.settings, this.#defaults)
    if (migrated.migratedFrom !== undefined || resetFields.length > 0) await this.#write({ version: SETTINGS_VERSION, setupDone: migrated.document.setupDone, settings })
    const loaded: LoadedSettings = { settings, firstRun: !migrated.document.setupDone }
    if (resetFields.length > 0) loaded.notice = `Some settings could not be read and were reset to their defaults: ${resetFields.map(settingsFieldLabel).join(', ')}. Please check them in Settings.`
    return loaded
  }

  async save(settings: AppSettings): Promise<void> {
    const checked = checkAppSettings(settings)
    if (!checked.ok) throw new Error(checked.problems[0]?.error ?? 'The settings are not valid.')
    await this.#write({ version: SETTINGS_VERSION, setupDone: true, settings: checked.settings })
  }

  #write(document: SettingsDocument): Promise<void> {
    return this.#writes.run(() => writeJsonFileAtomic(this.#file, document))
  }
}
