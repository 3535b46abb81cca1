import { randomUUID } from 'node:crypto'
import type { AppSettings } from '../../shared/app-settings'
import { parseServerAddress } from '../../shared/server-address'
import type { LinkHome } from '../dial/phone-link'
import { PolicyKeeper } from '../policy'
import { MemorySecretStore } from '../settings/password-store'
import type { BackendLog } from './backend-log'
import type { DeskAppBackendOptions } from './backend-options'
import { CallTracker } from './call-tracker'
import type { DesktopNotice } from './call-notices'
import { DemoMode } from './demo-mode'
import { DiagnosticsKeeper } from './diagnostics-keeper'
import { dialPreviewed, previewDial } from './dialling'
import { DirectoryKeeper } from './directory-keeper'
import { lookUpPerson } from './caller-lookup'
import { DeskPhone } from './desk-phone'
import { LineWatchKeeper } from './line-watch'
import { LinkInbox } from './link-inbox'
import { ServiceSupervisor } from './service-supervisor'
import { SettingsKeeper } from './settings-keeper'

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
 * The modules the backend's command groups share, wired to each other once: the settings, the
 * phone-system service's supervisor, the calls, the links, the search, the demo phone system and
 * the diagnostics.
 */
export class BackendParts {
  readonly options: DeskAppBackendOptions
  readonly now: () => number
  readonly log: BackendLog
  readonly settings: SettingsKeeper
  readonly supervisor: ServiceSupervisor
  readonly calls: CallTracker
  readonly links: LinkInbox
  readonly diagnostics: DiagnosticsKeeper
  readonly demo: DemoMode
  readonly directory: DirectoryKeeper
  /** The desk phone's line and the lines the windows show. */
  readonly lineWatch: LineWatchKeeper
  /** The user's own desk phone's line: its state, the other party named. */
  readonly deskPhone: DeskPhone
  /** The administrator's policy, kept current; `undefined` when the backend runs without one. */
  readonly policy: PolicyKeeper | undefined
  /** Set by the app when the quick-dial hotkey could not be registered; `undefined` when it works. */
  hotkeyProblem: string | undefined
  /** Resolves once the settings are loaded: links that come earlier wait for it. */
  readonly ready: Promise<void>
  markReady: () => void = () => undefined
  /** Resolves once the first connection attempt at start has ended: dials at start wait for it. */
  readonly firstConnection: Promise<void>
  markFirstConnection: () => void = () => undefined

  constructor(options: DeskAppBackendOptions) {
    this.options = options
    this.ready = new Promise((resolve) => (this.markReady = resolve))
    this.firstConnection = new Promise((resolve) => (this.markFirstConnection = resolve))
    this.now = options.now ?? Date.now
    this.log = options.log ?? (() => undefined)
    const notify = (notice: DesktopNotice) => options.notify?.(notice)
    this.diagnostics = new DiagnosticsKeeper({
      version: options.version,
      account: () => this.current.account,
      now: this.now
    })
    this.policy = options.policy && new PolicyKeeper(options.policy)
    this.demo = new DemoMode({ port: options.demoPort ?? 0, log: this.log })
    this.settings = new SettingsKeeper({
      settings: options.settings,
      secrets: options.secrets,
      directorySecrets: options.directorySecrets ?? new MemorySecretStore(),
      log: this.log,
      demo: () => this.demo.view
    })
    this.directory = new DirectoryKeeper({
      directoryPassword: () => this.settings.directoryPassword(),
      ...options.companyDirectory,
      contacts: options.contacts,
      history: options.history,
      favourites: options.favourites,
      directorySettings: () => this.current.directory,
      onResults: (answer) => options.emit('directoryResults', answer),
      onStatus: (status) => options.emit('directoryStatus', status),
      log: this.log,
      now: this.now
    })
    const history = options.history
    this.calls = new CallTracker({
      // Each call made changes what ranks first in the search.
      history: {
        list: () => history.list(),
        clear: () => history.clear(),
        record: (call) => history.record(call).then(() => this.directory.usageChanged())
      },
      onProgress: (progress) => options.emit('callProgress', progress),
      notify,
      notificationsOn: () => this.current.notifications,
      log: this.log
    })
    this.supervisor = new ServiceSupervisor({
      createService: options.createService,
      account: () => this.current.account,
      password: () => this.settings.password(),
      onRegistration: (status) => {
        this.lineWatch.serviceChanged()
        options.emit('registration', status)
      },
      onCallProgress: (progress) => this.calls.onProgress(progress),
      onStopped: () =>
        this.calls.abandonCallsInProgress(
          'DeskDial reconnected to the phone system before this call finished; check your desk phone.'
        ),
      log: this.log,
      diagnostics: this.diagnostics,
      now: this.now,
      stopTimeoutMs: options.stopTimeoutMs ?? 3_000,
      reconnectDelayMs: options.reconnectDelayMs ?? 30_000
    })
    this.deskPhone = new DeskPhone({
      lookUp: (number) =>
        lookUpPerson(
          {
            contacts: options.contacts,
            history: options.history,
            directory: this.directory,
            country: () => this.current.dialPlan.country
          },
          number
        ),
      emit: (status) => options.emit('lineState', status),
      notify,
      notificationsOn: () => this.current.notifications,
      screenPopTemplate: () => this.current.screenPopUrl,
      ...(options.openExternal && { openExternal: options.openExternal }),
      country: () => this.current.dialPlan.country,
      log: this.log
    })
    this.lineWatch = new LineWatchKeeper({
      service: () => this.supervisor.service,
      settings: () => this.current,
      onLine: (status) => options.emit('lineState', status),
      onDeskPhone: (status) => this.deskPhone.heard(status)
    })
    this.links = new LinkInbox({
      preview: (target) => previewDial(this, target),
      dial: (preview) => dialPreviewed(this, preview),
      trusted: () => this.current.trustLinksWithoutConfirmation,
      dialPlan: () => this.current.dialPlan,
      home: () => linkHome(this.current),
      automaticDialIntervalMs: () => this.current.linkAutoDialIntervalSeconds * 1_000,
      callInProgress: () => this.calls.hasCallInProgress,
      now: this.now,
      onPending: (link) => options.emit('pendingLink', link),
      notify,
      log: this.log,
      newId: options.newId ?? randomUUID
    })
  }

  /** The settings in use. */
  get current(): AppSettings {
    return this.settings.current
  }
}
