import { join } from 'node:path'
import type { App } from 'electron'
import { appLauncher } from '../browser-host/app-launcher'
import type { BrowserHostSetup } from '../browser-host/host-install'

/**
 * Settings → Browser in the app: the host manifests go where `deskdial browser-host install` puts
 * them, and the launcher runs the CLI built with the app (see {@link appLauncher}).
 */
export function browserHostSetup(app: App, dataDirectory: string): BrowserHostSetup {
  const cli = app.isPackaged
    ? join(process.resourcesPath, 'cli', 'deskdial.cjs')
    : join(app.getAppPath(), 'out', 'cli', 'deskdial.cjs')
  return {
    platform: process.platform,
    home: app.getPath('home'),
    env: process.env,
    dataDirectory,
    launcher: () => appLauncher(cli, process.env, process.platform)
  }
}
