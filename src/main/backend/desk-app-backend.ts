import { randomUUID } from 'node:crypto'
import { checkAccountSettings, DEFAULT_ACCOUNT_SETTINGS, isAccountConfigured } from '../../shared/account-settings'
import type { AppSettings } from '../../shared/app-settings'
import { parseServerAddress } from '../../shared/server-address'
import type { CallLadder } from '../../shared/call-ladder'
import type { CallRecord } from '../../shared/call-record'
import type { Contact, ContactDraft, ContactSaveResult } from '../../shared/contact'
import type { DirectorySearchAnswer, FavouriteTarget } from '../../shared/directory-search'
import type { DirectorySettings } from '../../shared/directory-settings'
import type {
  ColumnMapping,
  ContactFileDownload,
  ContactFileFormat,
  ContactFileUpload,
  ContactImportAnswer
} from '../../shared/contact-files'
import type {
  AppStatus,
  ConnectionTestResult,
  DeskDialCommands,
  DirectoryTestResult,
  DeskDialEventName,
  DeskDialEvents,
  DialPreview,
  DialRequest,
  DialResult,
  SaveResult,
  SettingsUpdate,
  SettingsView
} from '../../shared/ipc-contract'
import {
  exportContacts as exportContactFile,
  importContacts as importContactFile,
  readUploadedContactFile
} from '../contact-files'
import type { ContactStore } from '../contacts/contact-store'
import type { FavouritesStore } from '../contacts/favourites-store'
import { planDial } from '../dial/dial-plan'
import type { LinkHome } from '../dial/phone-link'
import { looksLikePhoneNumber } from '../dial/phone-number-search'
import type { HistoryStore } from '../history/history-store'
import type { DeskDialServiceApi, DeskDialServiceOptions } from '../service/deskdial-service-api'
import { MemorySecretStore, type SecretStore } from '../settings/password-store'
import { LdapDirectory } from '../directory'
import type { SettingsStore } from '../settings/versioned-settings-store'
import type { BackendLog } from './backend-log'
import { CallTracker } from './call-tracker'
import type { DesktopNotice } from './call-notices'
import { testConnection } from './connection-test'
import { testDirectory, type DirectoryProbe, type DirectoryProbeOptions } from './directory-test'
import { DiagnosticsKeeper } from './diagnostics-keeper'
import { DirectoryKeeper, type DirectoryKeeperOptions } from './directory-keeper'
import { demoDialPlan, DemoMode } from './demo-mode'
import { LinkInbox, type LinkOutcome } from './link-inbox'
import { ServiceSupervisor } from './service-supervisor'
import { SettingsKeeper } from './settings-keeper'

export type { LogLevel } from './backend-log'
export type { LinkOutcome } from './link-inbox'

export type DeskDialEventSink = <E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]) => void

/** The commands the backend answers: all of the contract's but hiding a window, which is the app's. */
export type BackendCommands = Omit<DeskDialCommands, 'hideWindow'>

export interface DeskAppBackendOptions {
  settings: SettingsStore
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
  /** Electron 45's clipboard answers asynchronously; a plain value is fine elsewhere. */
  readClipboardText?: () => string | Promise<string>
  log?: BackendLog
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

const MAX_TARGET_LENGTH = 256
/** How many contacts, merges, duplicates and skipped entries an import's answer lists for the window (the counts are complete). */
const IMPORT_PREVIEW_LISTED = 200

/** Where the user dials from: their country, and the domains of their phone system (its SIP domain and servers). */
function linkHome(settings: AppSettings): LinkHome {
  const { account, dialPlan } = settings
  const hosts = account.servers.flatMap((server) => {
    try {
      return [parseServerAddress(server, account.transport).host]
    } catch {
      return []
    }
  })
  return { country: dialPlan.country, domains: account.domain ? [account.domain, ...hosts] : hosts }
}

/**
 * DeskDial's main process without Electron: the renderer's commands, answered by the modules
 * that keep the settings, supervise the phone-system service, follow calls and take links. The
 * Electron app wires it to IPC, the tray and notifications; tests drive it directly under Node.
 */
export class DeskAppBackend implements BackendCommands {
  readonly #options: DeskAppBackendOptions
  readonly #now: () => number
  readonly #log: BackendLog
  readonly #settings: SettingsKeeper
  readonly #supervisor: ServiceSupervisor
  readonly #calls: CallTracker
  readonly #links: LinkInbox
  readonly #diagnostics: DiagnosticsKeeper
  readonly #demo: DemoMode
  readonly #directory: DirectoryKeeper
  #hotkeyProblem: string | undefined
  /** Resolves once the settings are loaded: links that come earlier wait for it. */
  readonly #ready: Promise<void>
  #markReady: () => void = () => undefined
  /** Resolves once the first connection attempt at start has ended: dials at start wait for it. */
  readonly #firstConnection: Promise<void>
  #markFirstConnection: () => void = () => undefined

  constructor(options: DeskAppBackendOptions) {
    this.#options = options
    this.#ready = new Promise((resolve) => (this.#markReady = resolve))
    this.#firstConnection = new Promise((resolve) => (this.#markFirstConnection = resolve))
    this.#now = options.now ?? Date.now
    this.#log = options.log ?? (() => undefined)
    const notify = (notice: DesktopNotice) => options.notify?.(notice)
    this.#diagnostics = new DiagnosticsKeeper({
      version: options.version,
      account: () => this.settings.account,
      now: this.#now
    })
    this.#demo = new DemoMode({ port: options.demoPort ?? 0, log: this.#log })
    this.#settings = new SettingsKeeper({
      settings: options.settings,
      secrets: options.secrets,
      directorySecrets: options.directorySecrets ?? new MemorySecretStore(),
      log: this.#log,
      demo: () => this.#demo.view
    })
    this.#directory = new DirectoryKeeper({
      directoryPassword: () => this.#settings.directoryPassword(),
      ...options.companyDirectory,
      contacts: options.contacts,
      history: options.history,
      favourites: options.favourites,
      directorySettings: () => this.settings.directory,
      onResults: (answer) => options.emit('directoryResults', answer),
      onStatus: (status) => options.emit('directoryStatus', status),
      log: this.#log,
      now: this.#now
    })
    const history = options.history
    this.#calls = new CallTracker({
      // Each call made changes what ranks first in the search.
      history: {
        list: () => history.list(),
        clear: () => history.clear(),
        record: (call) => history.record(call).then(() => this.#directory.usageChanged())
      },
      onProgress: (progress) => options.emit('callProgress', progress),
      notify,
      notificationsOn: () => this.settings.notifications,
      log: this.#log
    })
    this.#supervisor = new ServiceSupervisor({
      createService: options.createService,
      account: () => this.settings.account,
      password: () => this.#settings.password(),
      onRegistration: (status) => options.emit('registration', status),
      onCallProgress: (progress) => this.#calls.onProgress(progress),
      onStopped: () =>
        this.#calls.abandonCallsInProgress(
          'DeskDial reconnected to the phone system before this call finished; check your desk phone.'
        ),
      log: this.#log,
      diagnostics: this.#diagnostics,
      now: this.#now,
      stopTimeoutMs: options.stopTimeoutMs ?? 3_000,
      reconnectDelayMs: options.reconnectDelayMs ?? 30_000
    })
    this.#links = new LinkInbox({
      preview: (target) => this.previewDial(target),
      dial: (preview) => this.#dialPreviewed(preview),
      trusted: () => this.settings.trustLinksWithoutConfirmation,
      dialPlan: () => this.settings.dialPlan,
      home: () => linkHome(this.settings),
      automaticDialIntervalMs: () => this.settings.linkAutoDialIntervalSeconds * 1_000,
      callInProgress: () => this.#calls.hasCallInProgress,
      now: this.#now,
      onPending: (link) => options.emit('pendingLink', link),
      notify,
      log: this.#log,
      newId: options.newId ?? randomUUID
    })
  }

  /**
   * Loads the settings and starts the built-in demo phone system again when it is the account;
   * then connects to the phone system in the background when an account is set up (progress
   * arrives as `registration` events).
   */
  async start(): Promise<void> {
    await this.#settings.load()
    // Read the contacts and the history now, so that a damaged file is known before the window asks.
    await Promise.all([this.#options.contacts.list(), this.#options.history.list()]).catch((error: Error) =>
      this.noteDataProblem(`DeskDial could not read your contacts or call history: ${error.message}`)
    )
    if (this.settings.demo) {
      const resumed = await this.#useDemo()
      if (!resumed.ok) this.noteDataProblem(`${resumed.error} To leave the demo, choose “Use my own phone system”.`)
    }
    this.#markReady()
    // The search index is built after start has answered, so the window opens first; searches wait for it.
    setImmediate(() =>
      this.#directory
        .start()
        .catch((error: Error) => this.noteDataProblem(`DeskDial could not prepare its search: ${error.message}`))
    )
    this.#supervisor
      .restart()
      .catch((error: Error) => this.#log('error', `Connecting to the phone system failed: ${error.message}`))
      .finally(() => this.#markFirstConnection())
  }

  /** Stops the service (unregistering, bounded in time) and the demo phone system; nothing reconnects afterwards. */
  async shutdown(): Promise<void> {
    await this.#supervisor.shutdown()
    await this.#demo.stop()
    await this.#calls.flush()
    await this.#directory.stop()
  }

  /** Reconnect and re-register, e.g. after the computer wakes up or the network changes. */
  reconnect(): Promise<void> {
    return this.#supervisor.restart()
  }

  get settings(): AppSettings {
    return this.#settings.current
  }

  /** A problem with the user's data files, told in the window with the settings notice. */
  noteDataProblem(message: string): void {
    this.#settings.addNotice(message)
  }

  /** Set by the app when the quick-dial hotkey could not be registered; `undefined` when it works. */
  setHotkeyProblem(problem: string | undefined): void {
    if (problem === this.#hotkeyProblem) return
    this.#hotkeyProblem = problem
    this.#options.emit('hotkeyProblem', problem === undefined ? {} : { problem })
  }

  async getStatus(): Promise<AppStatus> {
    const status: AppStatus = {
      registration: this.#supervisor.registration,
      calls: this.#calls.calls,
      pendingLinks: this.#links.pending
    }
    if (this.#hotkeyProblem) status.hotkeyProblem = this.#hotkeyProblem
    return status
  }

  async previewDial(target: string): Promise<DialPreview> {
    const text = target.trim()
    if (text === '') return { ok: false, target, error: 'Enter a number or a name to call.' }
    if (text.length > MAX_TARGET_LENGTH)
      return {
        ok: false,
        target,
        error: `That is too long for a phone number: at most ${MAX_TARGET_LENGTH} characters.`
      }
    const { dialPlan, demo } = this.settings
    const plan = planDial(text, demo ? demoDialPlan(text, dialPlan) : dialPlan)
    if (!plan.ok) return { ok: false, target, error: plan.error }
    const preview: DialPreview = {
      ok: true,
      target: text,
      dialString: plan.dialString,
      display: `Calling ${plan.display}`
    }
    const match = await this.#options.contacts.findByNumber(text, dialPlan.country)
    if (match) preview.contact = { id: match.contact.id, name: match.contact.name, label: match.label }
    return preview
  }

  async dial(request: DialRequest): Promise<DialResult> {
    const preview = await this.previewDial(request.target)
    if (!preview.ok) return { ok: false, error: preview.error }
    return this.#dialPreviewed(preview, request.contactId)
  }

  /** Places the call exactly as `preview` shows it: its dial string is sent as it is. */
  async #dialPreviewed(preview: Extract<DialPreview, { ok: true }>, contactId?: string): Promise<DialResult> {
    const chosen = contactId === undefined ? undefined : await this.#options.contacts.get(contactId)
    const contactName = chosen?.name ?? preview.contact?.name
    // A link that launched DeskDial is dialled once the connection is up (or has failed), not refused for being early.
    await this.#firstConnection
    const service = this.#supervisor.service
    if (!service) return { ok: false, error: this.#notConnectedSentence() }
    try {
      const first = this.#calls.dial(service, {
        target: preview.target,
        dialString: preview.dialString,
        startedAt: this.#now(),
        ...(contactName === undefined ? {} : { contactName }),
        ...(preview.from === undefined ? {} : { from: preview.from })
      })
      return { ok: true, callId: first.id, dialString: preview.dialString }
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    }
  }

  async dismissCall(callId: string): Promise<void> {
    this.#calls.dismiss(callId)
  }

  /** A link from the operating system or another application: see {@link LinkInbox}. One that comes before {@link start} waits for it. */
  async handleLink(raw: string): Promise<LinkOutcome> {
    await this.#ready
    return this.#links.handle(raw)
  }

  /** A number clicked in the browser extension: see {@link LinkInbox.handleClick}. */
  async handleBrowserClick(click: Parameters<LinkInbox['handleClick']>[0]): Promise<LinkOutcome> {
    await this.#ready
    return this.#links.handleClick(click)
  }

  confirmLink(linkId: string): Promise<DialResult> {
    return this.#links.confirm(linkId)
  }

  async rejectLink(linkId: string): Promise<void> {
    this.#links.reject(linkId)
  }

  listContacts(): Promise<Contact[]> {
    return this.#options.contacts.list()
  }

  async saveContact(draft: ContactDraft): Promise<ContactSaveResult> {
    const saved = await this.#options.contacts.save(draft)
    if (saved.ok) await this.#directory.contactSaved(saved.contact)
    return saved
  }

  async deleteContact(id: string): Promise<void> {
    await this.#options.contacts.delete(id)
    await this.#directory.contactDeleted(id)
  }

  /** One search over the contacts, the company directory and recent calls; see {@link DirectoryKeeper.search}. */
  searchDirectory(query: string, limit: number): Promise<DirectorySearchAnswer> {
    return this.#directory.search(query, limit)
  }

  listFavourites(): Promise<FavouriteTarget[]> {
    return this.#options.favourites.list()
  }

  setFavourite(target: FavouriteTarget, starred: boolean): Promise<FavouriteTarget[]> {
    return this.#directory.setFavourite(target, starred)
  }

  previewContactImport(file: ContactFileUpload, mapping?: ColumnMapping): Promise<ContactImportAnswer> {
    return importContactFile(this.#options.contacts, readUploadedContactFile(file, mapping), {
      write: false,
      listed: IMPORT_PREVIEW_LISTED
    })
  }

  async importContacts(file: ContactFileUpload, mapping?: ColumnMapping): Promise<ContactImportAnswer> {
    const answer = await importContactFile(this.#options.contacts, readUploadedContactFile(file, mapping), {
      write: true,
      listed: IMPORT_PREVIEW_LISTED
    })
    // The imported people are found by the search as soon as the import is reported.
    if (answer.ok && answer.counts.added + answer.counts.merged > 0) await this.#directory.contactsChanged()
    return answer
  }

  async exportContacts(format: ContactFileFormat): Promise<ContactFileDownload> {
    return exportContactFile(await this.#options.contacts.list(), format)
  }

  listHistory(): Promise<CallRecord[]> {
    return this.#options.history.list()
  }

  async clearHistory(): Promise<void> {
    await this.#options.history.clear()
    await this.#directory.usageChanged()
  }

  getSettings(): Promise<SettingsView> {
    return this.#settings.view()
  }

  async saveSettings(update: SettingsUpdate): Promise<SaveResult> {
    // Only startDemo and leaveDemo change the demo flag; while it is on, the account is the demo's.
    const { demo, account, directory } = this.settings
    if (demo) {
      const typed = checkAccountSettings(update.settings.account)
      if (update.password !== undefined || !typed.ok || JSON.stringify(typed.account) !== JSON.stringify(account)) {
        return {
          ok: false,
          error:
            'DeskDial is using its built-in demo phone system: choose “Use my own phone system” first, then enter your account.'
        }
      }
    }
    const change = await this.#settings.save({ ...update, settings: { ...update.settings, demo } })
    if (!change.saved.ok) return change.saved
    this.#options.emit('settingsChanged', change.saved.view)
    // A new bind password (or none) changes what the directory lets DeskDial see, like new settings.
    if (
      update.directoryPassword !== undefined ||
      JSON.stringify(change.saved.view.settings.directory) !== JSON.stringify(directory)
    )
      void this.#directory.directorySettingsChanged()
    if (change.reconnect) {
      this.#supervisor
        .restart()
        .catch((error: Error) => this.#log('error', `Reconnecting after a settings change failed: ${error.message}`))
    }
    return change.saved
  }

  testConnection(update: SettingsUpdate): Promise<ConnectionTestResult> {
    return testConnection(update, {
      createService: this.#options.createService,
      storedPassword: () => this.#settings.password(),
      savedAccount: () => this.settings.account,
      log: this.#log,
      diagnostics: this.#diagnostics,
      timeoutMs: this.#options.connectionTestTimeoutMs ?? 15_000,
      stopTimeoutMs: this.#options.stopTimeoutMs ?? 3_000
    })
  }

  testDirectory(directory: DirectorySettings, password?: string): Promise<DirectoryTestResult> {
    return testDirectory(directory, password, {
      openDirectory: this.#options.openDirectory ?? ((options) => new LdapDirectory(options)),
      storedPassword: () => this.#settings.directoryPassword(),
      savedDirectory: () => this.settings.directory,
      log: this.#log,
      timeoutMs: this.#options.directoryTestTimeoutMs ?? 10_000
    })
  }

  /** The saved bind password of the company directory, for searching it; `undefined` binds anonymously. */
  directoryPassword(): Promise<string | undefined> {
    return this.#settings.directoryPassword()
  }

  async callLadder(callId: string): Promise<CallLadder> {
    return this.#diagnostics.callLadder(callId)
  }

  async diagnosticsReport(callId?: string): Promise<string> {
    return this.#diagnostics.report(callId)
  }

  /** First run without an account: starts the built-in demo phone system, saves its account and connects to it. */
  async startDemo(): Promise<SaveResult> {
    if (this.settings.demo) return { ok: true, view: await this.getSettings() }
    if (isAccountConfigured(this.settings.account)) {
      return {
        ok: false,
        error:
          'DeskDial already has your phone system account, so it does not start the demo phone system. Change the account in Settings instead.'
      }
    }
    const saved = await this.#useDemo()
    if (!saved.ok) return saved
    this.#options.emit('settingsChanged', saved.view)
    await this.#supervisor.restart()
    return saved
  }

  /** Forgets the demo phone system's account and password, unregisters from it and stops it, so the user can enter their own. */
  async leaveDemo(): Promise<SaveResult> {
    if (this.settings.demo) {
      const change = await this.#settings.save({
        settings: { ...this.settings, demo: false, account: DEFAULT_ACCOUNT_SETTINGS },
        password: ''
      })
      if (!change.saved.ok) return change.saved
      await this.#supervisor.restart()
      await this.#demo.stop()
    }
    const view = await this.getSettings()
    this.#options.emit('settingsChanged', view)
    return { ok: true, view }
  }

  /** Starts the demo phone system and saves DeskDial's account on it with its new password; stops it again when saving fails. */
  async #useDemo(): Promise<SaveResult> {
    let demo
    try {
      demo = await this.#demo.start()
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    }
    const change = await this.#settings.save({
      settings: { ...this.settings, demo: true, account: demo.account },
      password: demo.password ?? ''
    })
    if (!change.saved.ok) await this.#demo.stop()
    return change.saved
  }

  async clipboardNumber(): Promise<string | undefined> {
    const text = await this.#options.readClipboardText?.()
    return text === undefined ? undefined : looksLikePhoneNumber(text)
  }

  #notConnectedSentence(): string {
    return isAccountConfigured(this.settings.account)
      ? `DeskDial is not connected to your phone system: ${this.#supervisor.registration.reason}`
      : 'DeskDial is not set up yet: enter your phone system account in Settings.'
  }
}

/** The contract's commands for one window: the backend's, and hiding that window. */
export function commandsForWindow(backend: BackendCommands, hideWindow: () => void): DeskDialCommands {
  return {
    getStatus: () => backend.getStatus(),
    previewDial: (target) => backend.previewDial(target),
    dial: (request) => backend.dial(request),
    dismissCall: (callId) => backend.dismissCall(callId),
    confirmLink: (linkId) => backend.confirmLink(linkId),
    rejectLink: (linkId) => backend.rejectLink(linkId),
    listContacts: () => backend.listContacts(),
    saveContact: (draft) => backend.saveContact(draft),
    deleteContact: (id) => backend.deleteContact(id),
    searchDirectory: (query, limit) => backend.searchDirectory(query, limit),
    listFavourites: () => backend.listFavourites(),
    setFavourite: (target, starred) => backend.setFavourite(target, starred),
    previewContactImport: (file, mapping) => backend.previewContactImport(file, mapping),
    importContacts: (file, mapping) => backend.importContacts(file, mapping),
    exportContacts: (format) => backend.exportContacts(format),
    listHistory: () => backend.listHistory(),
    clearHistory: () => backend.clearHistory(),
    getSettings: () => backend.getSettings(),
    saveSettings: (update) => backend.saveSettings(update),
    testConnection: (update) => backend.testConnection(update),
    testDirectory: (directory, password) => backend.testDirectory(directory, password),
    startDemo: () => backend.startDemo(),
    leaveDemo: () => backend.leaveDemo(),
    clipboardNumber: () => backend.clipboardNumber(),
    callLadder: (callId) => backend.callLadder(callId),
    diagnosticsReport: (callId) => backend.diagnosticsReport(callId),
    hideWindow: async () => hideWindow()
  }
}
