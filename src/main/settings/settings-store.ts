import { join } from 'node:path'
import type { AppSettings } from '../../shared/app-settings'
import { backUpUnreadableFile, readJsonFile, writeJsonFileAtomic, WriteQueue } from './atomic-json-file'
import { VersionedSettingsStore } from './versioned-settings-store'

export interface FileSettingsStoreOptions {
  /** The app's data directory; the file is `settings.json` inside it. */
  directory: string
  defaults: AppSettings
  now?: () => number
}

/** The name of the settings file without `.json`; the app's stores all keep it in the data directory. */
export const SETTINGS_FILE_NAME = 'settings'

export function settingsFilePath(directory: string): string {
  return join(directory, `${SETTINGS_FILE_NAME}.json`)
}

/** Settings in `<directory>/settings.json`, versioned, migrated on load, written atomically. */
export class FileSettingsStore extends VersionedSettingsStore {
  constructor(options: FileSettingsStoreOptions) {
    const file = settingsFilePath(options.directory)
    const now = options.now ?? Date.now
    const writes = new WriteQueue()
    super(
      {
        read: () => readJsonFile(file),
        write: (document) => writes.run(() => writeJsonFileAtomic(file, document)),
        backUp: () => backUpUnreadableFile(file, now())
      },
      options.defaults
    )
  }
}
