import { existsSync } from 'node:fs'
import Store from 'electron-store'
import { backUpUnreadableFile } from '../settings/atomic-json-file'
import type { SettingsDocument } from '../settings/settings-migrations'
import { SETTINGS_FILE_NAME, settingsFilePath, type FileSettingsStoreOptions } from '../settings/settings-store'
import { VersionedSettingsStore, type SettingsFile, type SettingsFileContent } from '../settings/versioned-settings-store'

/** Thrown while reading a file whose JSON is not an object, which electron-store would read as an empty store. */
class NotAnObject extends Error {
  constructor(readonly value: unknown) {
    super('The settings file does not hold a JSON object.')
  }
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text)
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  throw new NotAnObject(value)
}

/**
 * The settings document in electron-store. No schema and no electron-store migrations: the
 * document's own version drives the migrations, and the field checks that repair a file (with a
 * sentence per field) are the ones `save` applies, so a JSON schema would repeat them.
 */
class ElectronStoreSettingsFile implements SettingsFile {
  readonly #directory: string
  readonly #now: () => number
  #store: Store<Record<string, unknown>> | undefined

  constructor(directory: string, now: () => number) {
    this.#directory = directory
    this.#now = now
  }

  async read(): Promise<SettingsFileContent> {
    try {
      this.#store = this.#open()
    } catch (error) {
      // Handed on as read: the shared logic refuses it with its own sentence and backs the file up.
      if (error instanceof NotAnObject) return { kind: 'ok', value: error.value }
      if (error instanceof SyntaxError) return { kind: 'corrupt' }
      throw error
    }
    return existsSync(this.#store.path) ? { kind: 'ok', value: this.#store.store } : { kind: 'missing' }
  }

  async write(document: SettingsDocument): Promise<void> {
    this.#store ??= this.#open()
    this.#store.store = { ...document }
  }

  backUp(): Promise<string> {
    return backUpUnreadableFile(settingsFilePath(this.#directory), this.#now())
  }

  /** electron-store reads the file as it opens it: a file it cannot parse makes it throw. */
  #open(): Store<Record<string, unknown>> {
    return new Store<Record<string, unknown>>({
      name: SETTINGS_FILE_NAME,
      cwd: this.#directory,
      clearInvalidConfig: false,
      configFileMode: 0o600,
      deserialize: parseObject
    })
  }
}

/** The app's settings in `<directory>/settings.json` through electron-store; the same file {@link FileSettingsStore} reads. */
export class ElectronSettingsStore extends VersionedSettingsStore {
  constructor(options: FileSettingsStoreOptions) {
    super(new ElectronStoreSettingsFile(options.directory, options.now ?? Date.now), options.defaults)
  }
}
