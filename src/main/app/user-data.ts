import type { App } from 'electron'
import { userDataOverride } from '../settings/user-data-directory'

/**
 * `DESKDIAL_USER_DATA=<directory>` runs DeskDial on another data directory (settings, contacts,
 * history, the password file): for the Electron test suite, or to try DeskDial without touching
 * your own settings. Applied before the single-instance lock, which is held per data directory.
 */
export function applyUserDataOverride(app: App): void {
  const directory = userDataOverride(process.env)
  if (directory) app.setPath('userData', directory)
}
