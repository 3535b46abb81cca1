/**
 * `deskdial browser-host install|uninstall|status`: writes, removes or reports the host manifest
 * of each browser (and on Windows its registry key, through `reg.exe`), and the launcher script
 * the manifests name, kept in DeskDial's data folder.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import {
  BROWSER_NAMES,
  hostManifest,
  hostPlace,
  launcherScript,
  registryCommands,
  type Browser,
  type HostPlace,
  type PlaceOptions
} from './host-manifests'

export interface HostInstallOptions extends PlaceOptions {
  browsers: readonly Browser[]
  /** Tests and unusual setups: the one folder (a profile's NativeMessagingHosts) to use instead of each browser's own. */
  browserDirectory?: string
  /** The Node executable and the CLI script the launcher runs. */
  node: string
  cli: string
  /** Runs `reg.exe` with these arguments (Windows); throws when it fails. */
  runReg?: (args: string[]) => void
}

function places(options: HostInstallOptions): HostPlace[] {
  return options.browsers.map((browser) => {
    if (options.browserDirectory === undefined) return hostPlace(browser, options)
    return { browser, file: join(options.browserDirectory, 'org.deskdial.dialer.json') }
  })
}

function runReg(options: HostInstallOptions, args: string[]): boolean {
  try {
    ;(options.runReg ?? ((list) => execFileSync('reg.exe', list, { stdio: 'ignore', timeout: 10_000 })))(args)
    return true
  } catch {
    return false
  }
}

/** The launcher's path in the data folder. */
export function launcherPath(options: Pick<PlaceOptions, 'platform' | 'dataDirectory'>): string {
  const name = options.platform === 'win32' ? 'deskdial-browser-host.cmd' : 'deskdial-browser-host.sh'
  return join(options.dataDirectory, 'browser-host', name)
}

/** Writes the launcher and each browser's manifest; the lines say where. */
export function installHost(options: HostInstallOptions): string[] {
  const launcher = launcherPath(options)
  mkdirSync(dirname(launcher), { recursive: true })
  writeFileSync(launcher, launcherScript(options.platform, options.node, options.cli))
  if (options.platform !== 'win32') chmodSync(launcher, 0o755)
  return places(options).map((place) => {
    mkdirSync(dirname(place.file), { recursive: true })
    writeFileSync(place.file, JSON.stringify(hostManifest(place.browser, launcher), null, 2) + '\n')
    if (place.registryKey && !runReg(options, registryCommands(place).add))
      return `${BROWSER_NAMES[place.browser]}: the manifest is written, but reg.exe could not add ${place.registryKey}.`
    return `${BROWSER_NAMES[place.browser]}: installed (${place.registryKey ?? place.file}).`
  })
}

export function uninstallHost(options: HostInstallOptions): string[] {
  return places(options).map((place) => {
    rmSync(place.file, { force: true })
    if (place.registryKey) runReg(options, registryCommands(place).remove)
    return `${BROWSER_NAMES[place.browser]}: removed.`
  })
}

/** One line per browser, and whether every one has the host. */
export function hostStatus(options: HostInstallOptions): { lines: string[]; allInstalled: boolean } {
  let allInstalled = true
  const lines = places(options).map((place) => {
    const there = existsSync(place.file) && (!place.registryKey || runReg(options, registryCommands(place).query))
    allInstalled &&= there
    return `${BROWSER_NAMES[place.browser]}: ${there ? `installed (${place.registryKey ?? place.file})` : 'not installed'}.`
  })
  return { lines, allInstalled }
}
