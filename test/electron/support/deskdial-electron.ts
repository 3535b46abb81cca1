/**
 * DeskDial as its users run it: the built app in a real Electron, started by Playwright's Electron
 * driver, with a data directory of its own.
 */
import { _electron, type ElectronApplication, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { findElectronBinary } from './electron-binary'

/**
 * The app is the project directory, as `npm start` runs it: Electron reads package.json's main
 * (out/main/index.js), and the tray icons are found under the app path's resources/.
 */
const APP_DIRECTORY = path.resolve('.')

export const MAIN_WINDOW_URL = 'app://deskdial/index.html'
export const QUICK_DIAL_URL = `${MAIN_WINDOW_URL}#quick-dial`

/** No keyring prompt on the desktop running the suite: safeStorage uses Chromium's basic_text store. */
const SWITCHES = ['--password-store=basic']

function executable(): string {
  const binary = findElectronBinary()
  if (!binary.found) throw new Error(binary.reason)
  return binary.path
}

/**
 * The environment of every DeskDial the suite starts: `DESKDIAL_USER_DATA` (settings, history and
 * the single-instance lock), and the XDG files (autostart entry, URL handlers) kept beside it.
 */
function environment(userData: string): Record<string, string> {
  const inherited = Object.entries(process.env).filter(
    ([name]) => !['NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'ELECTRON_RENDERER_URL'].includes(name)
  )
  return {
    ...Object.fromEntries(inherited),
    DESKDIAL_USER_DATA: userData,
    XDG_CONFIG_HOME: path.join(userData, 'config')
  }
}

/** Always with the executable found here: without one, Playwright would load the `electron` package, which downloads. */
export function launchDeskDial(userData: string): Promise<ElectronApplication> {
  return _electron.launch({
    executablePath: executable(),
    args: [APP_DIRECTORY, ...SWITCHES],
    env: environment(userData)
  })
}

/** Starts DeskDial again, as the OS does for a link, and resolves with its exit code once it has handed `args` over. */
export function startAgain(userData: string, args: readonly string[]): Promise<number | null> {
  // As Playwright starts the first one on Linux.
  const sandbox = process.platform === 'linux' ? ['--no-sandbox'] : []
  const second = spawn(executable(), [...sandbox, APP_DIRECTORY, ...SWITCHES, ...args], {
    env: environment(userData),
    stdio: 'ignore'
  })
  return new Promise((resolve, reject) => {
    second.once('error', reject)
    second.once('exit', (code) => resolve(code))
  })
}

/** The window showing `url`, once it exists. */
export async function windowAt(app: ElectronApplication, url: string): Promise<Page> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const page = app.windows().find((candidate) => candidate.url() === url)
    if (page) return page
    if (Date.now() > deadline)
      throw new Error(
        `No DeskDial window at ${url}; open: ${
          app
            .windows()
            .map((candidate) => candidate.url())
            .join(', ') || 'none'
        }`
      )
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** What the main window's BrowserWindow says about itself. */
export function mainWindowState(app: ElectronApplication): Promise<{ exists: boolean; visible: boolean }> {
  return app.evaluate(({ BrowserWindow }, url) => {
    const window = BrowserWindow.getAllWindows().find((candidate) => candidate.webContents.getURL() === url)
    return { exists: window !== undefined && !window.isDestroyed(), visible: window?.isVisible() ?? false }
  }, MAIN_WINDOW_URL)
}

/** Closes the main window as its title bar's close button does. */
export function closeMainWindow(app: ElectronApplication): Promise<void> {
  return app.evaluate(({ BrowserWindow }, url) => {
    BrowserWindow.getAllWindows()
      .find((candidate) => candidate.webContents.getURL() === url)
      ?.close()
  }, MAIN_WINDOW_URL)
}

interface TrayRecord {
  tray: Electron.Tray
  tooltip: string
}

/**
 * Electron lists no trays, so the suite watches the tooltip DeskDial gives its tray on every
 * update (from now on): the last tray updated, and its tooltip.
 */
export function watchTray(app: ElectronApplication): Promise<void> {
  return app.evaluate(({ Tray }) => {
    const setToolTip = Tray.prototype.setToolTip
    Tray.prototype.setToolTip = function (this: Electron.Tray, tooltip: string) {
      ;(globalThis as { deskdialTray?: TrayRecord }).deskdialTray = { tray: this, tooltip }
      setToolTip.call(this, tooltip)
    }
  })
}

/** The tray last updated: whether it is still there, and its tooltip. */
export function trayState(app: ElectronApplication): Promise<{ exists: boolean; tooltip: string } | undefined> {
  return app.evaluate(() => {
    const record = (globalThis as { deskdialTray?: TrayRecord }).deskdialTray
    return record && { exists: !record.tray.isDestroyed(), tooltip: record.tooltip }
  })
}
