import { BrowserWindow } from 'electron'
import type { RendererLocation } from './renderer-location'
import { secureWebPreferences } from './window'

/**
 * The small search-and-dial window the hotkey opens: frameless, always on top, hidden again when
 * it loses focus (Esc and dialling hide it from the renderer).
 */
export function createQuickDialWindow(
  renderer: RendererLocation,
  preload: string,
  isQuitting: () => boolean
): BrowserWindow {
  const window = new BrowserWindow({
    width: 560,
    height: 380,
    show: false,
    frame: false,
    resizable: false,
    movable: true,
    alwaysOnTop: true,
    skipTaskbar: true,
    fullscreenable: false,
    title: 'DeskDial quick dial',
    webPreferences: secureWebPreferences(preload)
  })
  window.on('blur', () => window.hide())
  window.on('close', (event) => {
    if (isQuitting()) return
    event.preventDefault()
    window.hide()
  })
  void renderer.load(window, 'quick-dial')
  return window
}

export function toggleQuickDial(window: BrowserWindow): void {
  if (window.isVisible() && window.isFocused()) {
    window.hide()
    return
  }
  window.center()
  window.show()
  window.focus()
}
