/**
 * DeskDial as the end-to-end tests run it: the real plain-Node backend (file-backed stores in a
 * temporary directory) with the real DeskDialService, behind the preload stand-in, showing the
 * built renderer in Chromium.
 */
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AppSettings } from '../../../src/shared/app-settings'
import type { ContactDraft } from '../../../src/shared/contact'
import type { DesktopNotice } from '../../../src/main/backend/call-notices'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { commandsForWindow, type DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import { DeskDialService } from '../../../src/main/service/deskdial-service'
import type { BrowserHostSetup } from '../../../src/main/browser-host/host-install'
import { installPreloadStandIn, type EventSink } from './preload-stand-in'

/** The version the app reports, as Electron's app.getVersion() reads it from package.json. */
export const DESKDIAL_VERSION = (JSON.parse(readFileSync(path.resolve('package.json'), 'utf8')) as { version: string })
  .version

export interface DeskDialApp {
  backend: DeskAppBackend
  /** Times the renderer asked to hide its window (Esc in quick dial). */
  hideRequests: number
  /** The desktop notifications shown so far. */
  notices: DesktopNotice[]
  /** The web pages opened in the default browser so far (the screen pop): recorded, not opened. */
  openedUrls: string[]
  /** Stops the backend (unregistering) so that another can open the same directory. */
  shutdown(): Promise<void>
}

export interface DeskDialAppOptions {
  /** Holds settings.json, contacts.json and history.json; reuse it to restart DeskDial. */
  directory: string
  /** Saved through the backend before the page opens; omit for a first run. */
  account?: Partial<AppSettings['account']>
  password?: string
  /** The company directory to search, saved with the account; its bind password is `directoryPassword`. */
  companyDirectory?: AppSettings['directory']
  directoryPassword?: string
  /** What the clipboard holds, for the quick-dial window. */
  clipboard?: string
  /** What the primary selection holds (Linux), for the quick-dial window. */
  selection?: string
  /** Settings → Browser: where the host manifests go (a temporary HOME or profile folder). */
  browserHost?: BrowserHostSetup
  /** The page to open: '' for the main window, '#quick-dial' for the hotkey's window. */
  hash?: string
  /**
   * Holds the window's state snapshot: getStatus answers with the state as it was when asked, but
   * only once this resolves, so that events in between reach a window that has not shown it yet.
   */
  holdStatus?: Promise<void>
  /** Saved before the account, so that the phone system's first messages about them already find them. */
  contacts?: ContactDraft[]
  /** Settings' screen-pop URL template, saved with the account. */
  screenPopUrl?: string
  /** The administrator's policy (issue 17), written to a policy file of its own; `${username}` is "alice". */
  policy?: unknown
}

/** The settings of a configured desk: user 1001 whose desk phone is line 1001, US dial plan with 4-digit extensions. */
function deskSettings(account: Partial<AppSettings['account']>): AppSettings {
  const defaults = defaultAppSettings('US')
  return {
    ...defaults,
    account: { ...defaults.account, user: '1001', line: '1001', register: true, ...account },
    dialPlan: { ...defaults.dialPlan, internalExtensionLength: 4 }
  }
}

/** Ready once the state is loaded: the workspace, the first-run setup or the quick-dial window shows. */
export async function untilLoaded(page: Page): Promise<void> {
  await page.locator('.workspace, .first-run, .quick-dial').first().waitFor()
}

/** Reloads the window, as reopening it would, and waits until it shows the state again. */
export async function reloadDeskDial(page: Page): Promise<void> {
  await page.reload()
  await untilLoaded(page)
}

export async function openDeskDial(page: Page, rendererUrl: string, options: DeskDialAppOptions): Promise<DeskDialApp> {
  // Events the backend emits before the page exists have nowhere to go, as in the app before its window loads.
  const bridge: { sink?: EventSink } = {}
  const secrets = new MemorySecretStore('basic-text')
  let hideRequests = 0
  const notices: DesktopNotice[] = []
  const openedUrls: string[] = []
  const policyFile = path.join(options.directory, 'test-policy.json')
  if (options.policy !== undefined) await writeFile(policyFile, JSON.stringify(options.policy))
  const backend = createFileBackedBackend({
    directory: options.directory,
    country: 'US',
    version: DESKDIAL_VERSION,
    secrets,
    createService: (serviceOptions) => new DeskDialService(serviceOptions),
    emit: (event, payload) => bridge.sink?.(event, payload),
    notify: (notice) => notices.push(notice),
    openExternal: (url) => void openedUrls.push(url),
    readClipboardText: () => options.clipboard ?? '',
    ...(options.selection === undefined ? {} : { readSelectionText: () => options.selection ?? '' }),
    ...(options.browserHost ? { browserHost: options.browserHost } : {}),
    connectionTestTimeoutMs: 5_000,
    stopTimeoutMs: 1_000,
    ...(options.policy === undefined
      ? {}
      : {
          policy: { file: { path: policyFile, named: true }, dataDirectory: options.directory, username: 'alice' }
        })
  })
  await backend.start()
  for (const contact of options.contacts ?? []) await backend.saveContact(contact)
  if (options.account) {
    const settings = deskSettings(options.account)
    if (options.screenPopUrl !== undefined) settings.screenPopUrl = options.screenPopUrl
    if (options.companyDirectory) settings.directory = options.companyDirectory
    const saved = await backend.saveSettings({
      settings,
      password: options.password,
      ...(options.directoryPassword === undefined ? {} : { directoryPassword: options.directoryPassword })
    })
    if (!saved.ok) throw new Error(`The test's settings were refused: ${saved.error}`)
  }
  const commands = commandsForWindow(backend, () => void (hideRequests += 1))
  const { holdStatus } = options
  if (holdStatus) {
    const getStatus = commands.getStatus
    commands.getStatus = async () => {
      const snapshot = await getStatus()
      await holdStatus
      return snapshot
    }
  }
  bridge.sink = await installPreloadStandIn(page, commands)
  await page.goto(rendererUrl + (options.hash ?? ''))
  if (!holdStatus) await untilLoaded(page)
  return {
    backend,
    get hideRequests() {
      return hideRequests
    },
    notices,
    openedUrls,
    shutdown: () => backend.shutdown()
  }
}
