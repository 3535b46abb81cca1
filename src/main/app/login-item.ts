import { mkdir, rm, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { App } from 'electron'

/** Passed when the system starts DeskDial at login: start in the tray, without a window. */
export const STARTED_AT_LOGIN_ARG = '--hidden'

function autostartFile(): string {
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart', 'deskdial.desktop')
}

/**
 * Start at login: the login items on macOS and Windows, an XDG autostart entry on Linux (where
 * Electron has no API for it). The AppImage's own path is used when running from one.
 */
export async function applyStartAtLogin(app: App, enabled: boolean): Promise<void> {
  if (process.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: enabled, args: [STARTED_AT_LOGIN_ARG] })
    return
  }
  const file = autostartFile()
  if (!enabled) {
    await rm(file, { force: true })
    return
  }
  const executable = process.env.APPIMAGE ?? process.execPath
  const entry = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=DeskDial',
    `Exec="${executable.replace(/(["`$\\])/g, '\\$1')}" ${STARTED_AT_LOGIN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    ''
  ]
  await mkdir(join(file, '..'), { recursive: true })
  await writeFile(file, entry.join('\n'))
}
