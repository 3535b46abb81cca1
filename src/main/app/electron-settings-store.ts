import { existsSync } from 'node:fs'
import Store from 'electron-store'
import { isRecord } from '../../shared/is-record'
import { backUpUnreadableFile, serializeJson } from '../settings/atomic-json-file'
import { SETTINGS_DOCUMENT_JSON_SCHEMA, type SettingsDocument } from '../settings/settings-migrations'
import { SETTINGS_FILE_NAME, settingsFilePath, type FileSettingsStoreOptions } from '../settings/settings-store'
import {
  VersionedSettingsStore,
  type SettingsFile,
  type SettingsFileContent
} from '../settings/versioned-settings-store'

/** Thrown while reading a file whose JSON is not an object, which electron-store would read as an empty store. */
class NotAnObject extends Error {
  constructor(readonly value: unknown) {
    super('The settings file does not hold a JSON object.')
  }
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text)
  if (isRecord(value)) return value
  throw new NotAnObject(value)
}

/** electron-store refuses a file that breaks its schema with this error. */
function isSchemaViolation(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('Config schema violation')
}

/**
 * The settings document in electron-store, written like {@link FileSettingsStore} writes it (same
 * indentation, same checks). electron-store checks the document's envelope with its JSON schema;
 * no electron-store migrations: the document's own version drives the shared migrations, and the
 * shared settings schema repairs the fields inside field by field.
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
      if (error instanceof SyntaxError || isSchemaViolation(error)) return { kind: 'corrupt' }
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
      deserialize: parseObject,
      serialize: serializeJson,
      schema: SETTINGS_DOCUMENT_JSON_SCHEMA
    })
  }
}

/** The app's settings in `<directory>/settings.json` through electron-store; the same file {@link FileSettingsStore} reads. */
export class ElectronSettingsStore extends VersionedSettingsStore {
  constructor(options: FileSettingsStoreOptions) {
    super(new ElectronStoreSettingsFile(options.directory, options.now ?? Date.now), options.defaults)
  }
}
