import { join } from 'node:path'
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import type { RendererLocation } from './renderer-location'

/** Settings every DeskDial window shares (Electron's security checklist). */
export function secureWebPreferences(
  preloadPath: string
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false
  }
}

export function preloadPath(mainDirectory: string): string {
  return join(mainDirectory, '../preload/index.js')
}

/**
 * The main window: contacts, calls, history and settings. Closing it hides it (DeskDial keeps
 * running in the tray); it only closes for real when the app quits.
 */
export function createMainWindow(
  renderer: RendererLocation,
  preload: string,
  isQuitting: () => boolean,
  showWhenReady: boolean
): BrowserWindow {
  const window = new BrowserWindow({
    width: 960,
    height: 680,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'DeskDial',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload)
  })
  window.on('close', (event) => {
    if (isQuitting()) return
    event.preventDefault()
    window.hide()
  })
  if (showWhenReady) window.once('ready-to-show', () => window.show())
  void renderer.load(window)
  return window
}

export function showWindow(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
