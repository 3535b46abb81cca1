import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * The folder Electron names after package.json's `name` ("deskdial") inside the system's
 * application-data folder: where the app keeps settings.json, contacts.json and history.json.
 */
const APP_FOLDER = 'deskdial'

/** `DESKDIAL_USER_DATA=<directory>` runs DeskDial (the app and the CLI) on another data directory. */
export function userDataOverride(env: NodeJS.ProcessEnv): string | undefined {
  const directory = env.DESKDIAL_USER_DATA
  return directory ? resolve(directory) : undefined
}

/** The app's data directory as Electron's `app.getPath('userData')` finds it, for plain Node (the CLI). */
export function userDataDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  const override = userDataOverride(env)
  if (override) return override
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER)
}
