import { FileContactStore } from '../contacts/contact-store'
import { FavouritesStore } from '../contacts/favourites-store'
import { DirectoryCache, directoryCopyFile, LdapDirectory } from '../directory'
import { FileHistoryStore } from '../history/history-store'
import { defaultAppSettings } from '../settings/app-settings-defaults'
import { MemorySecretStore, type SecretStore } from '../settings/password-store'
import { FileSettingsStore } from '../settings/settings-store'
import type { SettingsStore } from '../settings/versioned-settings-store'
import { createDeskAppBackend, type DeskAppBackend, type DeskAppBackendOptions } from './desk-app-backend'

export interface FileBackedBackendOptions extends Omit<
  DeskAppBackendOptions,
  'settings' | 'secrets' | 'contacts' | 'history' | 'favourites'
> {
  /** Holds settings.json, contacts.json, history.json, favourites.json and directory-cache.json. */
  directory: string
  /** The desk phone's country for default settings (from the OS locale); US when unknown. Unused with `settings`. */
  country?: string
  /** Defaults to settings.json in `directory` through {@link FileSettingsStore} (the app passes one backed by electron-store). */
  settings?: SettingsStore
  /** Defaults to a session-only store (the app passes one backed by the OS keychain). */
  secrets?: SecretStore
}

/** The backend with its data in JSON files in one directory: the app's and the tests' setup. */
export function createFileBackedBackend(options: FileBackedBackendOptions): DeskAppBackend {
  const { directory, country, settings, secrets, ...rest } = options
  // What the contacts and history files report (a damaged file backed up, entries skipped) is told in the window too.
  const problems: { backend?: DeskAppBackend } = {}
  const log = (message: string) => {
    options.log?.('warn', message)
    problems.backend?.noteDataProblem(message)
  }
  problems.backend = createDeskAppBackend({
    ...rest,
    settings: settings ?? new FileSettingsStore({ directory, defaults: defaultAppSettings(country) }),
    secrets: secrets ?? new MemorySecretStore(),
    contacts: new FileContactStore({ directory, log }),
    history: new FileHistoryStore({ directory, log }),
    favourites: new FavouritesStore({ directory, log }),
    companyDirectory: {
      openDirectory: (directorySettings, password) => new LdapDirectory({ settings: directorySettings, password }),
      copy: new DirectoryCache(directoryCopyFile(directory)),
      ...rest.companyDirectory
    }
  })
  return problems.backend
}
