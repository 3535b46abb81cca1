import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  globalShortcut,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  session,
  shell
} from 'electron'
import { eventChannel, type DeskDialEventName, type DeskDialEvents } from '../../shared/ipc-contract'
import { settleWithin } from '../../shared/settle-within'
import { type AppSettings } from '../../shared/app-settings'
import {
  commandsForWindow,
  type DeskAppBackend,
  type DeskDialEventSink,
  type LogLevel
} from '../backend/desk-app-backend'
import { startBrowserRelay } from '../backend/browser-dials'
import { createFileBackedBackend } from '../backend/file-backed-backend'
import { loginName, policyFilePath } from '../policy'
import { linksInArgv } from './links-in-argv'
import { browserHostSetup } from './browser-host-setup'
import { quittingTooltip, trayPresentation } from './tray-presentation'
import { DeskDialService } from '../service/deskdial-service'
import { AFTER_CALL_LINGER_MS } from '../service/deskdial-service-api'
import { countryFromLocale, defaultAppSettings, supportedCountry } from '../settings/app-settings-defaults'
import { ElectronSettingsStore } from './electron-settings-store'
import { registerQuickDialHotkey } from './hotkey'
import { registerCommandHandlers } from './ipc'
import { listenForOpenUrl, registerLinkSchemes } from './links'
import { applyStartAtLogin, STARTED_AT_LOGIN_ARG } from './login-item'
import { showNotice } from './notifications'
import { reconnectOnWake, reconnectWhenBackOnline } from './power'
import { createQuickDialWindow, toggleQuickDial } from './quick-dial-window'
import { registerRendererScheme, RendererLocation } from './renderer-location'
import { createSecretStore } from './safe-storage-secret-store'
import { DIRECTORY_PASSWORD, SIP_PASSWORD, type SecretName } from '../settings/password-store'
import { applySecurityPolicy } from './security'
import { DeskDialTray } from './tray'
import { createMainWindow, preloadPath, showWindow } from './window'

/** How long quitting waits for the phone system to confirm the unregistration. */
const QUIT_TIMEOUT_MS = 4_000

function log(level: LogLevel, message: string): void {
  const line = `[deskdial] ${level}: ${message}`
  if (level === 'error' || level === 'warn') console.error(line)
  else if (level === 'info') console.log(line)
}

/**
 * The Electron app around the backend: windows, tray, links, hotkey, IPC, notifications, power
 * events and quitting. Each concern lives in its own adapter module; this class wires them.
 */
export class DeskDialApp {
  readonly #mainDirectory: string
  /** Links that arrived before the backend was ready (argv at launch, macOS open-url). */
  readonly #earlyLinks: string[]
  #backend: DeskAppBackend | undefined
  #mainWindow: BrowserWindow | undefined
  #quickDialWindow: BrowserWindow | undefined
  #tray: DeskDialTray | undefined
  /** The hotkey that is registered ('' when none is); undefined before the first attempt. */
  #hotkey: string | undefined
  /** The settings the hotkey and the login item were last set up for. */
  #applied: AppSettings | undefined
  #quitting = false
  #shutDown = false

  constructor(mainDirectory: string, argv: readonly string[]) {
    this.#mainDirectory = mainDirectory
    this.#earlyLinks = linksInArgv(argv)
  }

  /** Everything that must happen before `ready`; the rest follows once Electron is ready. */
  launch(): void {
    registerRendererScheme(protocol)
    listenForOpenUrl(app, (raw) => this.#onLink(raw))
    registerLinkSchemes(app)
    app.on('second-instance', (_event, argv) => {
      const links = linksInArgv(argv)
      for (const raw of links) this.#onLink(raw)
      if (links.length === 0) this.#open()
    })
    app.on('window-all-closed', () => {
      // DeskDial lives in the tray: closing windows never quits it.
    })
    app.on('activate', () => this.#open())
    app.on('before-quit', (event) => {
      this.#quitting = true
      if (this.#shutDown || !this.#backend) return
      event.preventDefault()
      this.#shutDown = true
      this.#showQuitting(this.#backend)
      void settleWithin(this.#backend.shutdown(), QUIT_TIMEOUT_MS).finally(() => app.quit())
    })
    app.on('will-quit', () => globalShortcut.unregisterAll())
    app.whenReady().then(
      () =>
        this.#start().catch((error: Error) =>
          log('error', `DeskDial could not start: ${error.stack ?? error.message}`)
        ),
      (error: Error) => log('error', `Electron did not start: ${error.message}`)
    )
  }

  async #start(): Promise<void> {
    applySecurityPolicy(app, session.defaultSession)
    if (process.platform === 'darwin') app.dock?.hide()
    const directory = app.getPath('userData')
    const keepSecret = (name: SecretName, file: string) =>
      createSecretStore(name, join(directory, file), (message) => log('warn', message))
    const secrets = await keepSecret(SIP_PASSWORD, 'secret.json')
    const directorySecrets = await keepSecret(DIRECTORY_PASSWORD, 'directory-secret.json')
    const renderer = new RendererLocation(this.#mainDirectory, app.isPackaged)
    renderer.serve(protocol)
    const preload = preloadPath(this.#mainDirectory)
    const emit: DeskDialEventSink = (event, payload) => this.#onEvent(event, payload)
    const country = supportedCountry(app.getLocaleCountryCode()) ?? countryFromLocale(app.getLocale())
    const backend = createFileBackedBackend({
      directory,
      version: app.getVersion(),
      settings: new ElectronSettingsStore({ directory, defaults: defaultAppSettings(country) }),
      policy: { file: policyFilePath(process.env), dataDirectory: directory, username: loginName(process.env) },
      secrets,
      directorySecrets,
      createService: (options) => new DeskDialService(options),
      emit,
      notify: showNotice,
      openExternal: (url) => shell.openExternal(url),
      readClipboardText: () => clipboard.readText(),
      // Only Linux (X11, Wayland) has a primary selection, Electron's clipboard.selection; other systems keep the clipboard.
      readSelectionText:
        process.platform === 'linux' && clipboard.selection ? () => clipboard.selection.readText() : undefined,
      browserHost: browserHostSetup(app, directory),
      log
    })
    await backend.start()
    this.#backend = backend
    void startBrowserRelay(directory, backend, log)
    this.#applySettings(backend.settings)
    registerCommandHandlers(
      ipcMain,
      (event) => commandsForWindow(backend, () => BrowserWindow.fromWebContents(event.sender)?.hide()),
      (url) => renderer.isRenderer(url)
    )
    this.#mainWindow = createMainWindow(
      renderer,
      preload,
      () => this.#quitting,
      !process.argv.includes(STARTED_AT_LOGIN_ARG)
    )
    this.#quickDialWindow = createQuickDialWindow(renderer, preload, () => this.#quitting)
    this.#tray = new DeskDialTray(
      app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
      {
        open: () => this.#open(),
        quickDial: () => this.#quickDial(),
        redial: (call) =>
          void backend
            .dial({ target: call.target })
            .then((result) => !result.ok && showNotice({ title: `Could not call ${call.target}`, body: result.error })),
        settings: () => this.#navigate('settings'),
        setStartAtLogin: (enabled) => void this.#saveStartAtLogin(enabled),
        quit: () => app.quit()
      }
    )
    await this.#refreshTray()
    reconnectOnWake(powerMonitor, () => void backend.reconnect())
    reconnectWhenBackOnline(net, () => void backend.reconnect())
    for (const raw of this.#earlyLinks.splice(0)) this.#onLink(raw)
  }

  #onLink(raw: string): void {
    if (!this.#backend) {
      this.#earlyLinks.push(raw)
      return
    }
    this.#backend.handleLink(raw).catch((error: Error) => log('error', `Handling a link failed: ${error.message}`))
  }

  #send<E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]): void {
    for (const window of [this.#mainWindow, this.#quickDialWindow]) {
      if (window && !window.isDestroyed()) window.webContents.send(eventChannel(event), payload)
    }
  }

  #onEvent<E extends DeskDialEventName>(event: E, payload: DeskDialEvents[E]): void {
    this.#send(event, payload)
    // Only a new question brings the window forward; links blocked behind it never steal the focus again.
    if (event === 'pendingLink' && (payload as DeskDialEvents['pendingLink']).blockedLinks === 0) this.#open()
    if (event === 'settingsChanged') this.#applySettings((payload as DeskDialEvents['settingsChanged']).settings)
    if (event === 'registration' || event === 'callProgress' || event === 'settingsChanged') void this.#refreshTray()
    // The desk phone's line only: colleagues' lines change often and do not show in the tray.
    if (
      event === 'lineState' &&
      (payload as DeskDialEvents['lineState']).number === this.#backend?.settings.account.line
    )
      void this.#refreshTray()
  }

  /** Applies what the main process owns of the settings: the hotkey and start at login. */
  #applySettings(settings: AppSettings): void {
    const previous = this.#applied
    this.#applied = settings
    if (previous?.hotkey !== settings.hotkey) {
      const problem = registerQuickDialHotkey(globalShortcut, this.#hotkey, settings.hotkey, () => this.#quickDial())
      this.#hotkey = problem ? '' : settings.hotkey
      this.#backend?.setHotkeyProblem(problem)
      if (problem) showNotice({ title: 'Quick-dial hotkey not available', body: problem })
    }
    if (previous?.startAtLogin !== settings.startAtLogin) {
      applyStartAtLogin(app, settings.startAtLogin).catch((error: Error) =>
        log('warn', `Could not change start at login: ${error.message}`)
      )
    }
  }

  async #refreshTray(): Promise<void> {
    const backend = this.#backend
    if (!backend || !this.#tray) return
    const status = await backend.getStatus()
    const { account, demo, startAtLogin } = backend.settings
    const { icon, tooltip } = trayPresentation(account, status.registration, status.calls, demo, status.deskPhone)
    const recentCalls = await backend.listHistory()
    // Quitting has taken over the tray meanwhile: it keeps saying so until DeskDial is gone.
    if (this.#shutDown) return
    this.#tray.update({ icon, tooltip, recentCalls, startAtLogin, hotkey: this.#hotkey ?? '', demo })
  }

  /**
   * The user asked to quit: the windows go at once, and the tray stays until DeskDial has signed
   * out of the phone system (and, right after a call, answered its last messages), saying so.
   */
  #showQuitting(backend: DeskAppBackend): void {
    for (const window of [this.#mainWindow, this.#quickDialWindow]) {
      if (window && !window.isDestroyed()) window.hide()
    }
    void backend
      .getStatus()
      .then((status) => this.#tray?.showQuitting(quittingTooltip(status.calls, Date.now(), AFTER_CALL_LINGER_MS)))
  }

  async #saveStartAtLogin(enabled: boolean): Promise<void> {
    const backend = this.#backend
    if (!backend) return
    const result = await backend.saveSettings({ settings: { ...backend.settings, startAtLogin: enabled } })
    if (!result.ok) showNotice({ title: 'Start at login not changed', body: result.error })
  }

  #open(): void {
    if (this.#mainWindow && !this.#mainWindow.isDestroyed()) showWindow(this.#mainWindow)
  }

  #navigate(view: DeskDialEvents['navigate']): void {
    this.#open()
    this.#send('navigate', view)
  }

  #quickDial(): void {
    if (this.#quickDialWindow && !this.#quickDialWindow.isDestroyed()) toggleQuickDial(this.#quickDialWindow)
  }
}
