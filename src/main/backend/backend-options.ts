import type { BrowserHostSetup } from '../browser-host/host-install'
import type { DeskDialCommands, DeskDialEventName, DeskDialEvents, WindowCommands } from '../../shared/ipc-contract'
import type { ContactStore } from '../contacts/contact-store'
import type { FavouritesStore } from '../contacts/favourites-store'
import type { HistoryStore } from '../history/history-store'
import type { PolicySetup } from '../policy'
import type { DeskDialServiceApi, DeskDialServiceOptions } from '../service/deskdial-service-api'
import type { SecretStore } from '../settings/password-store'
import type { SettingsStore } from '../settings/versioned-settings-store'
import type { BackendLog } from './backend-log'
import type { DesktopNotice } from './call-notices'
import type { DirectoryProbe, DirectoryProbeOptions } from './directory-test'
import type { DirectoryKeeperOptions } from './directory-keeper'

export type DeskDialEventSink = <E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]) => void

/** The commands the backend answers: all of the contract's but the window's own, which are the app's. */
export type BackendCommands = Omit<DeskDialCommands, keyof WindowCommands>

export interface DeskAppBackendOptions {
  settings: SettingsStore
  /** The administrator's policy file (and the provisioning URL it names); no policy when omitted. */
  policy?: PolicySetup
  secrets: SecretStore
  /** The company directory's bind password; a session-only store when omitted. */
  directorySecrets?: SecretStore
  contacts: ContactStore
  history: HistoryStore
  favourites: FavouritesStore
  /** The company directory: its client, its offline copy and its bind password (see {@link DirectoryKeeper}). */
  companyDirectory?: Partial<
    Pick<DirectoryKeeperOptions, 'openDirectory' | 'copy' | 'directoryPassword' | 'debounceMs' | 'slowMs'>
  >
  /** Makes the phone-system service; called again whenever the account or the password changes. */
  createService: (options: DeskDialServiceOptions) => DeskDialServiceApi
  /** Events for the renderer (and the tray): `callProgress`, `registration`, `pendingLink`, `settingsChanged`, `hotkeyProblem`. */
  emit: DeskDialEventSink
  /** Desktop notifications: call progress, failures, refused links. */
  notify?: (notice: DesktopNotice) => void
  /** Opens a web page in the default browser (Electron's shell.openExternal): the screen pop of a ringing desk phone. */
  openExternal?: (url: string) => void | Promise<void>
  /** Electron 45's clipboard answers asynchronously; a plain value is fine elsewhere. */
  readClipboardText?: () => string | Promise<string>
  /** Linux only: the primary selection (the text just selected in any program); quick dial offers its number first. */
  readSelectionText?: () => string | Promise<string>
  log?: BackendLog
  /** Settings → Browser: where the browsers' host manifests go and what the launcher runs; without it the section says so. */
  browserHost?: BrowserHostSetup
  /** DeskDial's version, for the diagnostics report. */
  version: string
  now?: () => number
  newId?: () => string
  /** How long "Test connection" waits for the registration's outcome. */
  connectionTestTimeoutMs?: number
  /** Connects to the company directory for "Test directory"; an {@link LdapDirectory} when omitted. */
  openDirectory?: (options: DirectoryProbeOptions) => DirectoryProbe
  /** How long "Test directory" waits for the directory's answer. */
  directoryTestTimeoutMs?: number
  /** How long stopping a service (unregistering) may take before DeskDial moves on. */
  stopTimeoutMs?: number
  /** After the phone system could not be reached at all, try again this much later. */
  reconnectDelayMs?: number
  /** The port of the built-in demo phone system; 0, the default, picks a free one each time it starts. */
  demoPort?: number
}
