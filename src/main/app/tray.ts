import { join } from 'node:path'
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import type { CallRecord } from '../../shared/call-record'
import { TRAY_ICONS, type TrayIcon } from './tray-presentation'

export interface TrayActions {
  open(): void
  quickDial(): void
  redial(call: CallRecord): void
  settings(): void
  setStartAtLogin(enabled: boolean): void
  quit(): void
}

export interface TrayContent {
  icon: TrayIcon
  tooltip: string
  recentCalls: readonly CallRecord[]
  startAtLogin: boolean
  hotkey: string
  /** DeskDial uses its built-in demo phone system, not the user's own. */
  demo: boolean
}

const RECENT_IN_MENU = 10

export function trayIconPath(resourcesDirectory: string, icon: TrayIcon): string {
  return join(resourcesDirectory, `tray-${icon}.png`)
}

/** DeskDial in the system tray: its state at a glance and the everyday actions. */
export class DeskDialTray {
  readonly #tray: Tray
  readonly #icons: Map<TrayIcon, NativeImage>
  readonly #actions: TrayActions

  constructor(resourcesDirectory: string, actions: TrayActions) {
    this.#icons = new Map(
      TRAY_ICONS.map((icon) => [icon, nativeImage.createFromPath(trayIconPath(resourcesDirectory, icon))])
    )
    this.#actions = actions
    this.#tray = new Tray(this.#image('idle'))
    // Linux indicators ignore clicks and show only the menu; elsewhere a click opens the window.
    this.#tray.on('click', () => actions.open())
  }

  update(content: TrayContent): void {
    this.#tray.setImage(this.#image(content.icon))
    this.#tray.setToolTip(content.tooltip)
    this.#tray.setContextMenu(Menu.buildFromTemplate(this.#menu(content)))
  }

  /** From "Quit" until DeskDial has left the phone system: what it is doing, and no actions any more. */
  showQuitting(tooltip: string): void {
    this.#tray.setToolTip(tooltip)
    this.#tray.setContextMenu(Menu.buildFromTemplate([{ label: 'Quitting DeskDial…', enabled: false }]))
  }

  #image(icon: TrayIcon): NativeImage {
    const image = this.#icons.get(icon)
    if (!image) throw new Error(`DeskDial has no tray icon "${icon}".`)
    return image
  }

  #menu(content: TrayContent): MenuItemConstructorOptions[] {
    const recent = content.recentCalls.slice(0, RECENT_IN_MENU)
    const quickDial: MenuItemConstructorOptions = { label: 'Quick dial…', click: () => this.#actions.quickDial() }
    if (content.hotkey) quickDial.accelerator = content.hotkey
    // The settings show the demo phone system and the way to one's own.
    const demo: MenuItemConstructorOptions[] = content.demo
      ? [
          { label: 'Using the demo phone system', enabled: false },
          { label: 'Use my own phone system…', click: () => this.#actions.settings() },
          { type: 'separator' }
        ]
      : []
    return [
      ...demo,
      { label: 'Open DeskDial', click: () => this.#actions.open() },
      quickDial,
      {
        label: 'Recent calls',
        submenu:
          recent.length === 0
            ? [{ label: 'No calls yet', enabled: false }]
            : recent.map((call) => ({
                label: `Call ${call.contactName ? `${call.contactName} (${call.target})` : call.target}`,
                click: () => this.#actions.redial(call)
              }))
      },
      { type: 'separator' },
      { label: 'Settings…', click: () => this.#actions.settings() },
      {
        label: 'Start at login',
        type: 'checkbox',
        checked: content.startAtLogin,
        click: (item) => this.#actions.setStartAtLogin(item.checked)
      },
      { type: 'separator' },
      { label: 'Quit DeskDial', click: () => this.#actions.quit() }
    ]
  }
}
