import type { AppSettings } from '../../shared/app-settings'
import { COMMAND_GROUPS, type DeskDialCommands, type WindowCommands } from '../../shared/ipc-contract'
import type { BackendCommands, DeskAppBackendOptions } from './backend-options'
import { BackendParts } from './backend-parts'
import { browser } from './commands/browser'
import { callsAndLinks } from './commands/calls-and-links'
import { contactsAndFiles } from './commands/contacts-and-files'
import { demo, useDemo } from './commands/demo'
import { diagnostics } from './commands/diagnostics'
import { directoryAndFavourites } from './commands/directory-and-favourites'
import { lines } from './commands/lines'
import { settingsAndTests } from './commands/settings-and-tests'
import type { LinkInbox, LinkOutcome } from './link-inbox'
import { applyPolicyChange } from './policy-changes'

export type { LogLevel } from './backend-log'
export type { LinkOutcome } from './link-inbox'
export type { BackendCommands, DeskAppBackendOptions, DeskDialEventSink } from './backend-options'

/** The backend's own life: starting, reconnecting and stopping, and what the app tells it outside the window's commands. */
export class BackendLifecycle {
  readonly #parts: BackendParts
  /** The last change of the policy being applied. */
  #applyingPolicy: Promise<void> = Promise.resolve()

  constructor(parts: BackendParts) {
    this.#parts = parts
  }

  /**
   * Loads the settings and starts the built-in demo phone system again when it is the account;
   * then connects to the phone system in the background when an account is set up (progress
   * arrives as `registration` events).
   */
  async start(): Promise<void> {
    const parts = this.#parts
    if (parts.policy) {
      await parts.settings.applyPolicy(await parts.policy.start())
      parts.policy.onChange((state) => {
        this.#applyingPolicy = applyPolicyChange(parts, state).catch((error: Error) =>
          parts.log('error', `Applying a new policy failed: ${error.message}`)
        )
      })
    }
    await parts.settings.load()
    // Read the contacts and the history now, so that a damaged file is known before the window asks.
    await Promise.all([parts.options.contacts.list(), parts.options.history.list()]).catch((error: Error) =>
      this.noteDataProblem(`DeskDial could not read your contacts or call history: ${error.message}`)
    )
    if (this.settings.demo) {
      const resumed = await useDemo(parts)
      if (!resumed.ok) this.noteDataProblem(`${resumed.error} To leave the demo, choose “Use my own phone system”.`)
    }
    parts.markReady()
    // The search index is built after start has answered, so the window opens first; searches wait for it.
    setImmediate(() =>
      parts.directory
        .start()
        .catch((error: Error) => this.noteDataProblem(`DeskDial could not prepare its search: ${error.message}`))
    )
    parts.supervisor
      .restart()
      .catch((error: Error) => parts.log('error', `Connecting to the phone system failed: ${error.message}`))
      .finally(() => parts.markFirstConnection())
  }

  /** Stops the service (unregistering, bounded in time) and the demo phone system; nothing reconnects afterwards. */
  async shutdown(): Promise<void> {
    const parts = this.#parts
    parts.policy?.stop()
    await parts.supervisor.shutdown()
    await parts.demo.stop()
    await parts.calls.flush()
    await parts.directory.stop()
  }

  /** Reconnect and re-register, e.g. after the computer wakes up or the network changes. */
  reconnect(): Promise<void> {
    return this.#parts.supervisor.restart()
  }

  /** Reads the administrator's policy again now (the file, and the provisioning URL); a change is applied. */
  async refreshPolicy(): Promise<void> {
    await this.#parts.policy?.refresh()
    await this.#applyingPolicy
  }

  get settings(): AppSettings {
    return this.#parts.current
  }

  /** A problem with the user's data files, told in the window with the settings notice. */
  noteDataProblem(message: string): void {
    this.#parts.settings.addNotice(message)
  }

  /** Set by the app when the quick-dial hotkey could not be registered; `undefined` when it works. */
  setHotkeyProblem(problem: string | undefined): void {
    const parts = this.#parts
    if (problem === parts.hotkeyProblem) return
    parts.hotkeyProblem = problem
    parts.options.emit('hotkeyProblem', problem === undefined ? {} : { problem })
  }

  /** A link from the operating system or another application: see {@link LinkInbox}. One that comes before {@link start} waits for it. */
  async handleLink(raw: string): Promise<LinkOutcome> {
    await this.#parts.ready
    return this.#parts.links.handle(raw)
  }

  /** A number clicked in the browser extension: see {@link LinkInbox.handleClick}. */
  async handleBrowserClick(click: Parameters<LinkInbox['handleClick']>[0]): Promise<LinkOutcome> {
    await this.#parts.ready
    return this.#parts.links.handleClick(click)
  }

  /** The saved bind password of the company directory, for searching it; `undefined` binds anonymously. */
  directoryPassword(): Promise<string | undefined> {
    return this.#parts.settings.directoryPassword()
  }
}

/**
 * DeskDial's main process without Electron: its life, and the renderer's commands routed to one
 * module per group of the contract. The Electron app wires it to IPC, the tray and notifications;
 * tests drive it directly under Node.
 */
export type DeskAppBackend = BackendLifecycle & BackendCommands

export function createDeskAppBackend(options: DeskAppBackendOptions): DeskAppBackend {
  const parts = new BackendParts(options)
  const commands: BackendCommands = {
    ...callsAndLinks(parts),
    ...contactsAndFiles(parts),
    ...directoryAndFavourites(parts),
    ...settingsAndTests(parts),
    ...demo(parts),
    ...diagnostics(parts),
    ...browser(parts),
    ...lines(parts)
  }
  return Object.assign(new BackendLifecycle(parts), commands)
}

type Command = (...args: never[]) => Promise<unknown>

/** The contract's commands for one window: the backend's, and hiding that window. */
export function commandsForWindow(backend: BackendCommands, hideWindow: () => void): DeskDialCommands {
  const names = Object.entries(COMMAND_GROUPS).flatMap(([group, commands]) =>
    group === 'window' ? [] : Object.keys(commands)
  ) as (keyof BackendCommands)[]
  // Bound one by one: the window gets the commands and nothing else of the backend.
  const routed = Object.fromEntries(names.map((name) => [name, (backend[name] as Command).bind(backend)]))
  const own: WindowCommands = { hideWindow: async () => hideWindow() }
  return { ...(routed as unknown as BackendCommands), ...own }
}
