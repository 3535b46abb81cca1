import { randomUUID } from 'node:crypto'
import type { AccountSettings } from '../../shared/account-settings'
import { isFinalCallState, type CallProgress } from '../../shared/call-progress'
import type { AppSettings } from '../../shared/app-settings'
import type { AppStatus, ConnectionTestResult, DeskDialCommands, DeskDialEventName, DeskDialEvents, DialPreview, DialRequest, DialResult, PendingLink, SaveResult, SettingsUpdate, SettingsView } from '../../shared/ipc-contract'
import type { CallRecord } from '../../shared/call-record'
import type { Contact, ContactDraft, ContactSaveResult } from '../../shared/contact'
import type { RegistrationStatus } from '../../shared/registration-status'
import type { ContactStore } from '../contacts/contact-store'
import { planDial } from '../dial/dial-plan'
import { parsePhoneLink } from '../dial/phone-link'
import { looksLikePhoneNumber } from '../dial/phone-number-search'
import type { HistoryStore } from '../history/history-store'
import type { DeskDialServiceApi, DeskDialServiceOptions, Unsubscribe } from '../service/deskdial-service-api'
import { maskSecret } from '../../shared/mask-secret'
import type { SecretStore } from '../settings/secret-store'
import type { SettingsStore } from '../settings/settings-store'
import { checkAppSettings } from '../../shared/app-settings'
import { callNotice, type DesktopNotice } from './call-notices'

export type DeskDialEventSink = <E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]) => void
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** The desktop around the backend; the app passes Electron's, plain Node leaves it out. */
export interface DesktopFunctions {
  hideWindow(): void
  /** Electron 45's clipboard answers asynchronously; a plain value is fine elsewhere. */
  readClipboardText(): string | Promise<string>
}

export interface DeskAppBackendOptions {
  settings: SettingsStore
  secrets: SecretStore
  contacts: ContactStore
  history: HistoryStore
  /** Makes the phone-system service; called again whenever the account or the password changes. */
  createService: (options: DeskDialServiceOptions) => DeskDialServiceApi
  /** Events for the renderer (and the tray): `callProgress`, `registration`, `pendingLink`, `settingsChanged`. */
  emit: DeskDialEventSink
  /** Desktop notifications: call progress, failures, refused links. */
  notify?: (notice: DesktopNotice) => void
  desktop?: DesktopFunctions
  log?: (level: LogLevel, message: string) => void
  now?: () => number
  newId?: () => string
  /** How long "Test connection" waits for the registration's outcome. */
  connectionTestTimeoutMs?: number
  /** How long stopping a service (unregistering) may take before DeskDial moves on. */
  stopTimeoutMs?: number
  /** After the phone system could not be reached at all, try again this much later. */
  reconnectDelayMs?: number
}

/** What became of a link handed over by the operating system. */
export type LinkOutcome =
  | { kind: 'refused'; error: string }
  | { kind: 'pending'; link: PendingLink }
  | { kind: 'dialled'; result: DialResult }

interface CallContext {
  target: string
  dialString: string
  contactName?: string
  startedAt: number
}

const FEATURE_CODE_IN_LINK = 'This link asks for a phone feature code (* or #), which links may not dial: type it in DeskDial yourself if you meant it.'
const MAX_PENDING_LINKS = 10
const MAX_SHOWN_CALLS = 20
const MAX_TARGET_LENGTH = 256

function sameAccount(a: AccountSettings, b: AccountSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

export function isAccountConfigured(account: AccountSettings): boolean {
  return account.servers.length > 0 && account.user !== '' && account.line !== ''
}

function settle<T>(promise: Promise<T>, ms: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms)
  })
  return Promise.race([promise.then((value) => ({ done: true as const, value })), timeout]).finally(() => clearTimeout(timer))
}

/**
 * DeskDial's main process without Electron: settings, password, contacts, history, links and the
 * phone-system service behind the renderer's commands. The Electron app wires it to IPC, the tray
 * and notifications; tests and the Playwright suite drive it directly under Node.
 */
export class DeskAppBackend implements DeskDialCommands {
  readonly #options: DeskAppBackendOptions
  readonly #now: () => number
  readonly #newId: () => string
  readonly #log: (level: LogLevel, message: string) => void
  #settings: AppSettings | undefined
  #firstRun = true
  #notice: string | undefined
  #service: DeskDialServiceApi | undefined
  #serviceSubscriptions: Unsubscribe[] = []
  #registration: RegistrationStatus
  #serviceChanges: Promise<void> = Promise.resolve()
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined
  #stopped = false
  readonly #calls = new Map<string, CallProgress>()
  readonly #callContexts = new Map<string, CallContext>()
  #dialling: CallContext | undefined
  #pendingLinks: PendingLink[] = []
  #hotkeyProblem: string | undefined
  readonly #historyWrites = new Set<Promise<void>>()

  constructor(options: DeskAppBackendOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
    this.#newId = options.newId ?? randomUUID
    this.#log = options.log ?? (() => undefined)
    this.#registration = { state: 'unregistered', reason: 'DeskDial is starting.', at: this.#now() }
  }

  /**
   * Loads the settings; then connects to the phone system in the background when an account is
   * set up (progress arrives as `registration` events).
   */
  async start(): Promise<void> {
    const loaded = await this.#options.settings.load()
    this.#settings = loaded.settings
    this.#firstRun = loaded.firstRun
    this.#notice = loaded.notice
    if (loaded.notice) this.#log('warn', loaded.notice)
    this.#restartService().catch((error: Error) => this.#log('error', `Connecting to the phone system failed: ${error.message}`))
  }

  /** Stops the service (unregistering, bounded in time); nothing reconnects afterwards. */
  async shutdown(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#reconnectTimer)
    await this.#queueServiceChange(() => this.#stopService())
    await Promise.all(this.#historyWrites)
  }

  /** Reconnect and re-register, e.g. after the computer wakes up or the network changes. */
  reconnect(): Promise<void> {
    return this.#restartService()
  }

  get settings(): AppSettings {
    if (!this.#settings) throw new Error('DeskDial has not loaded its settings yet.')
    return this.#settings
  }

  /** Set by the app when the quick-dial hotkey could not be registered; `undefined` when it works. */
  setHotkeyProblem(problem: string | undefined): void {
    this.#hotkeyProblem = problem
  }

  async getStatus(): Promise<AppStatus> {
    const status: AppStatus = { registration: this.#registration, calls: [...this.#calls.values()], pendingLinks: [...this.#pendingLinks] }
    if (this.#hotkeyProblem) status.hotkeyProblem = this.#hotkeyProblem
    return status
  }

  async previewDial(target: string): Promise<DialPreview> {
    const text = target.trim()
    if (text === '') return { ok: false, target, error: 'Enter a number or a name to call.' }
    if (text.length > MAX_TARGET_LENGTH) return { ok: false, target, error: `That is too long for a phone number: at most ${MAX_TARGET_LENGTH} characters.` }
    const { dialPlan } = this.settings
    const plan = planDial(text, dialPlan)
    if (!plan.ok) return { ok: false, target, error: plan.error }
    const preview: DialPreview = { ok: true, target: text, dialString: plan.dialString, display: `Calling ${plan.display}` }
    const match = await this.#options.contacts.findByNumber(text, dialPlan.country)
    if (match) preview.contact = { id: match.contact.id, name: match.contact.name, label: match.label }
    return preview
  }

  async dial(request: DialRequest): Promise<DialResult> {
    const preview = await this.previewDial(request.target)
    if (!preview.ok) return { ok: false, error: preview.error }
    const chosen = request.contactId === undefined ? undefined : await this.#options.contacts.get(request.contactId)
    const contactName = chosen?.name ?? preview.contact?.name
    const service = this.#service
    if (!service) return { ok: false, error: this.#notConnectedSentence() }
    const context: CallContext = { target: preview.target, dialString: preview.dialString, startedAt: this.#now() }
    if (contactName !== undefined) context.contactName = contactName
    // The service reports the first progress while dial() runs: let the listener know whose it is.
    this.#dialling = context
    let progress: CallProgress
    try {
      progress = service.dial(preview.dialString)
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    } finally {
      this.#dialling = undefined
    }
    // A service that does not report the first progress itself: follow the call from here.
    if (!this.#calls.has(progress.id)) {
      this.#callContexts.set(progress.id, context)
      this.#onCallProgress(progress)
    }
    return { ok: true, callId: progress.id, dialString: preview.dialString }
  }

  async dismissCall(callId: string): Promise<void> {
    this.#calls.delete(callId)
  }

  /**
   * A link from the operating system or another application. It is read strictly; a link that is
   * not a phone number is refused with a notice and changes nothing. Otherwise it waits for the
   * user's confirmation (`pendingLink` event), or is dialled at once when the user trusts links.
   */
  async handleLink(raw: string): Promise<LinkOutcome> {
    const parsed = parsePhoneLink(raw)
    if (!parsed.ok) return this.#refuseLink(parsed.error)
    // Any web page can open a link: a feature code such as *21*<number># would forward the
    // user's phone, so links may carry phone numbers only.
    if (/[*#]/.test(parsed.number)) return this.#refuseLink(FEATURE_CODE_IN_LINK)
    const preview = await this.previewDial(parsed.number)
    if (!preview.ok) return this.#refuseLink(preview.error)
    if (parsed.extension !== undefined) preview.display += ` (then dial extension ${parsed.extension} yourself)`
    if (this.settings.trustLinksWithoutConfirmation) {
      const result = await this.dial(preview.contact ? { target: preview.target, contactId: preview.contact.id } : { target: preview.target })
      if (!result.ok) this.#notify({ title: 'Could not call from the link', body: result.error })
      return { kind: 'dialled', result }
    }
    const link: PendingLink = { id: this.#newId(), scheme: parsed.scheme, raw, preview }
    this.#pendingLinks = [...this.#pendingLinks.filter((pending) => pending.raw !== raw), link].slice(-MAX_PENDING_LINKS)
    this.#options.emit('pendingLink', link)
    return { kind: 'pending', link }
  }

  async confirmLink(linkId: string): Promise<DialResult> {
    const link = this.#pendingLinks.find((pending) => pending.id === linkId)
    if (!link || !link.preview.ok) return { ok: false, error: 'This link was already answered. Open it again to call the number.' }
    this.#pendingLinks = this.#pendingLinks.filter((pending) => pending.id !== linkId)
    const { target, contact } = link.preview
    return this.dial(contact ? { target, contactId: contact.id } : { target })
  }

  async rejectLink(linkId: string): Promise<void> {
    this.#pendingLinks = this.#pendingLinks.filter((pending) => pending.id !== linkId)
  }

  listContacts(): Promise<Contact[]> {
    return this.#options.contacts.list()
  }

  saveContact(draft: ContactDraft): Promise<ContactSaveResult> {
    return this.#options.contacts.save(draft)
  }

  deleteContact(id: string): Promise<void> {
    return this.#options.contacts.delete(id)
  }

  listHistory(): Promise<CallRecord[]> {
    return this.#options.history.list()
  }

  clearHistory(): Promise<void> {
    return this.#options.history.clear()
  }

  async getSettings(): Promise<SettingsView> {
    const { secrets } = this.#options
    const view: SettingsView = { settings: this.settings, passwordSet: (await secrets.getPassword()) !== undefined, secretStorage: secrets.kind, firstRun: this.#firstRun }
    if (this.#notice) view.notice = this.#notice
    return view
  }

  async saveSettings(update: SettingsUpdate): Promise<SaveResult> {
    const checked = checkAppSettings(update.settings)
    if (!checked.ok) return { ok: false, error: checked.problems.map((problem) => problem.error).join(' '), field: checked.problems[0]?.field ?? 'settings' }
    const previous = this.settings
    try {
      if (update.password === '') await this.#options.secrets.deletePassword()
      else if (update.password !== undefined) await this.#options.secrets.setPassword(update.password)
    } catch (error) {
      this.#log('error', `Storing the SIP password failed: ${(error as Error).message}`)
      return { ok: false, error: 'DeskDial could not store the password on this computer. Check that the system keychain is unlocked, then save again.', field: 'password' }
    }
    try {
      await this.#options.settings.save(checked.settings)
    } catch (error) {
      this.#log('error', `Saving settings failed: ${(error as Error).message}`)
      return { ok: false, error: 'DeskDial could not save the settings file. Check that your disk is not full and try again.' }
    }
    this.#settings = checked.settings
    this.#firstRun = false
    this.#notice = undefined
    const view = await this.getSettings()
    this.#options.emit('settingsChanged', view)
    if (update.password !== undefined || !sameAccount(previous.account, checked.settings.account)) {
      this.#restartService().catch((error: Error) => this.#log('error', `Reconnecting after a settings change failed: ${error.message}`))
    }
    return { ok: true, view }
  }

  /** Registers a throw-away service with the given settings and says, in words, whether that worked. */
  async testConnection(update: SettingsUpdate): Promise<ConnectionTestResult> {
    const checked = checkAppSettings(update.settings)
    if (!checked.ok) return { ok: false, error: checked.problems.map((problem) => problem.error).join(' ') }
    const { account } = checked.settings
    if (!isAccountConfigured(account)) return { ok: false, error: 'Enter the server, the account user and your desk phone number first.' }
    const password = update.password === undefined ? await this.#options.secrets.getPassword() : update.password || undefined
    let service: DeskDialServiceApi
    try {
      service = this.#options.createService(this.#serviceOptions(account, password, 'test'))
    } catch (error) {
      return { ok: false, error: (error as Error).message }
    }
    const timeoutMs = this.#options.connectionTestTimeoutMs ?? 15_000
    let unsubscribe: Unsubscribe = () => undefined
    const outcome = new Promise<RegistrationStatus>((resolve) => {
      unsubscribe = service.onRegistration((status) => {
        if (status.state === 'registered' || status.state === 'failed') resolve(status)
      })
    })
    try {
      const started = await settle(service.start(), timeoutMs)
      if (!started.done) return { ok: false, error: this.#noAnswerSentence(timeoutMs), status: service.registration }
      if (!account.register) return { ok: true, status: service.registration }
      const settled = await settle(outcome, timeoutMs)
      if (!settled.done) return { ok: false, error: this.#noAnswerSentence(timeoutMs), status: service.registration }
      const status = settled.value
      return status.state === 'registered' ? { ok: true, status } : { ok: false, error: status.reason, status }
    } catch (error) {
      return { ok: false, error: (error as Error).message, status: service.registration }
    } finally {
      unsubscribe()
      await this.#stopBounded(service)
    }
  }

  async clipboardNumber(): Promise<string | undefined> {
    const text = await this.#options.desktop?.readClipboardText()
    return text === undefined ? undefined : looksLikePhoneNumber(text)
  }

  async hideWindow(): Promise<void> {
    this.#options.desktop?.hideWindow()
  }

  #noAnswerSentence(timeoutMs: number): string {
    const seconds = Math.max(1, Math.round(timeoutMs / 1000))
    return `The phone system did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Check the server address, the port and the transport.`
  }

  #notConnectedSentence(): string {
    return isAccountConfigured(this.settings.account)
      ? `DeskDial is not connected to your phone system: ${this.#registration.reason}`
      : 'DeskDial is not set up yet: enter your phone system account in Settings.'
  }

  #refuseLink(error: string): LinkOutcome {
    this.#log('warn', `Refused a link: ${error}`)
    this.#notify({ title: 'Link not dialled', body: error })
    return { kind: 'refused', error }
  }

  #notify(notice: DesktopNotice): void {
    this.#options.notify?.(notice)
  }

  #serviceOptions(account: AccountSettings, password: string | undefined, purpose: 'app' | 'test'): DeskDialServiceOptions {
    const options: DeskDialServiceOptions = { account, log: (level, message) => this.#log(level, `${purpose === 'test' ? '[test] ' : ''}${maskSecret(message, password)}`) }
    if (password !== undefined) options.password = password
    return options
  }

  #queueServiceChange(change: () => Promise<void>): Promise<void> {
    const next = this.#serviceChanges.then(change, change)
    this.#serviceChanges = next.catch(() => undefined)
    return next
  }

  #restartService(): Promise<void> {
    clearTimeout(this.#reconnectTimer)
    return this.#queueServiceChange(async () => {
      await this.#stopService()
      if (!this.#stopped) await this.#startService()
    })
  }

  async #startService(): Promise<void> {
    const { account } = this.settings
    if (!isAccountConfigured(account)) {
      this.#setRegistration({ state: 'unregistered', reason: 'Enter your phone system account in Settings to start dialling.', at: this.#now() })
      return
    }
    const password = await this.#options.secrets.getPassword()
    let service: DeskDialServiceApi
    try {
      service = this.#options.createService(this.#serviceOptions(account, password, 'app'))
    } catch (error) {
      this.#setRegistration({ state: 'failed', reason: (error as Error).message, at: this.#now() })
      return
    }
    this.#service = service
    this.#serviceSubscriptions = [service.onRegistration((status) => this.#setRegistration(status)), service.onCallProgress((progress) => this.#onCallProgress(progress))]
    try {
      await service.start()
    } catch (error) {
      const reason = (error as Error).message
      if (this.#registration.state !== 'failed') this.#setRegistration({ state: 'failed', reason, at: this.#now() })
      const delay = this.#options.reconnectDelayMs ?? 30_000
      this.#log('warn', `Could not reach the phone system (${reason}); trying again in ${Math.round(delay / 1000)} s.`)
      this.#reconnectTimer = setTimeout(() => void this.#restartService(), delay)
      this.#reconnectTimer.unref?.()
    }
  }

  async #stopService(): Promise<void> {
    const service = this.#service
    if (!service) return
    this.#service = undefined
    for (const unsubscribe of this.#serviceSubscriptions) unsubscribe()
    this.#serviceSubscriptions = []
    await this.#stopBounded(service)
    // Calls still in progress are no longer followed: keep what is known of them in the history.
    for (const [id, context] of this.#callContexts) {
      const last = this.#calls.get(id)
      await this.#record(id, context, last?.state ?? 'requesting', last?.code, 'DeskDial reconnected to the phone system before this call finished; check your desk phone.')
    }
    this.#callContexts.clear()
  }

  async #stopBounded(service: DeskDialServiceApi): Promise<void> {
    const timeoutMs = this.#options.stopTimeoutMs ?? 3_000
    const stopped = await settle(service.stop().catch((error: Error) => this.#log('warn', `Stopping the phone-system connection failed: ${error.message}`)), timeoutMs)
    if (!stopped.done) this.#log('warn', `Unregistering took longer than ${timeoutMs} ms; DeskDial went on without waiting.`)
  }

  #setRegistration(status: RegistrationStatus): void {
    this.#registration = status
    this.#options.emit('registration', status)
  }

  #onCallProgress(reported: CallProgress): void {
    let context = this.#callContexts.get(reported.id)
    if (!context && this.#dialling) {
      context = this.#dialling
      this.#callContexts.set(reported.id, context)
    }
    // The service knows only the dial string; people see what they asked to call.
    const progress = context ? { ...reported, target: context.target } : reported
    const previous = this.#calls.get(progress.id)
    if (previous && previous.state === progress.state && previous.code === progress.code && previous.reason === progress.reason) return
    this.#calls.delete(progress.id)
    this.#calls.set(progress.id, progress)
    for (const id of [...this.#calls.keys()].slice(0, Math.max(0, this.#calls.size - MAX_SHOWN_CALLS))) this.#calls.delete(id)
    // A call's end is announced once it is in the history, so a listener reloading the history sees it.
    if (context && isFinalCallState(progress.state) && this.#callContexts.delete(progress.id)) {
      void this.#record(progress.id, context, progress.state, progress.code, progress.reason).then(() => this.#announce(progress, context))
    } else {
      this.#announce(progress, context)
    }
  }

  #announce(progress: CallProgress, context: CallContext | undefined): void {
    this.#options.emit('callProgress', progress)
    if (this.settings.notifications) {
      const notice = callNotice(progress, context?.contactName)
      if (notice) this.#notify(notice)
    }
  }

  /** Saves a call in the history; shutdown waits for these writes. */
  #record(id: string, context: CallContext, state: CallProgress['state'], code: number | undefined, reason: string): Promise<void> {
    const record: CallRecord = { id, target: context.target, dialString: context.dialString, startedAt: context.startedAt, state, reason }
    if (code !== undefined) record.code = code
    if (context.contactName !== undefined) record.contactName = context.contactName
    const write = this.#options.history.record(record).catch((error: Error) => this.#log('error', `Could not save call ${id} in the history: ${error.message}`))
    this.#historyWrites.add(write)
    return write.finally(() => this.#historyWrites.delete(write))
  }
}
