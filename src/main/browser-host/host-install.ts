/**
 * `deskdial browser-host install|uninstall|status`: writes, removes or reports the host manifest
 * of each browser (and on Windows its registry key, through `reg.exe`), and the launcher script
 * the manifests name, kept in DeskDial's data folder.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, posix, win32 } from 'node:path'
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
  /** Where the files go: the disk, unless a test checks another system's paths. */
  files?: HostFiles
}

export interface HostFiles {
  write(file: string, text: string, executable: boolean): void
  remove(file: string): void
  exists(file: string): boolean
}

/**
 * What the app knows to set up the host from Settings → Browser: everything but the browsers, and
 * the launcher's Node and CLI, found when the user installs (it throws a sentence when it cannot).
 */
export type BrowserHostSetup = Omit<HostInstallOptions, 'browsers' | 'node' | 'cli'> & {
  launcher(): { node: string; cli: string }
}

const DISK: HostFiles = {
  write(file, text, executable) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, text)
    if (executable) chmodSync(file, 0o755)
  },
  remove: (file) => rmSync(file, { force: true }),
  exists: (file) => existsSync(file)
}

function pathsOf(platform: NodeJS.Platform) {
  return platform === 'win32' ? win32 : posix
}

function places(options: HostInstallOptions): HostPlace[] {
  return options.browsers.map((browser) => {
    if (options.browserDirectory === undefined) return hostPlace(browser, options)
    return { browser, file: pathsOf(options.platform).join(options.browserDirectory, 'org.deskdial.dialer.json') }
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

/** The launcher's path in the data folder: on Windows a batch file, which Chrome and Firefox both start. */
export function launcherPath(options: Pick<PlaceOptions, 'platform' | 'dataDirectory'>): string {
  const name = options.platform === 'win32' ? 'deskdial-browser-host.bat' : 'deskdial-browser-host.sh'
  return pathsOf(options.platform).join(options.dataDirectory, 'browser-host', name)
}

/** Writes the launcher and each browser's manifest; the lines say where. */
export function installHost(options: HostInstallOptions): string[] {
  const files = options.files ?? DISK
  const launcher = launcherPath(options)
  files.write(launcher, launcherScript(options.platform, options.node, options.cli), options.platform !== 'win32')
  return places(options).map((place) => {
    files.write(place.file, JSON.stringify(hostManifest(place.browser, launcher), null, 2) + '\n', false)
    if (place.registryKey && !runReg(options, registryCommands(place).add))
      return `${BROWSER_NAMES[place.browser]}: the manifest is written, but reg.exe could not add ${place.registryKey}.`
    return `${BROWSER_NAMES[place.browser]}: installed (${place.registryKey ?? place.file}).`
  })
}

export function uninstallHost(options: HostInstallOptions): string[] {
  return places(options).map((place) => {
    ;(options.files ?? DISK).remove(place.file)
    if (place.registryKey) runReg(options, registryCommands(place).remove)
    return `${BROWSER_NAMES[place.browser]}: removed.`
  })
}

/** Where one browser stands: the host installed (and where), not installed, or the browser not found on this computer. */
export interface HostState {
  browser: Browser
  installed: boolean
  /** Whether the browser's own folder (its registry key on Windows) exists: it has run for this user. */
  browserFound: boolean
  /** The manifest's file, or on Windows its registry key. */
  where: string
}

/** Whether the browser has a folder (or a registry key) for this user: the folder above its NativeMessagingHosts. */
function browserFound(options: HostInstallOptions, place: HostPlace): boolean {
  if (place.registryKey && options.browserDirectory === undefined) {
    return runReg(options, ['query', place.registryKey.replace(/\\NativeMessagingHosts\\.*$/, '')])
  }
  const paths = pathsOf(options.platform)
  return (options.files ?? DISK).exists(paths.dirname(paths.dirname(place.file)))
}

export function hostStates(options: HostInstallOptions): HostState[] {
  return places(options).map((place) => ({
    browser: place.browser,
    installed:
      (options.files ?? DISK).exists(place.file) &&
      (!place.registryKey || runReg(options, registryCommands(place).query)),
    browserFound: browserFound(options, place),
    where: place.registryKey ?? place.file
  }))
}

/** One line per browser, and whether every one has the host. */
export function hostStatus(options: HostInstallOptions): { lines: string[]; allInstalled: boolean } {
  const states = hostStates(options)
  const lines = states.map(
    (state) => `${BROWSER_NAMES[state.browser]}: ${state.installed ? `installed (${state.where})` : 'not installed'}.`
  )
  return { lines, allInstalled: states.every((state) => state.installed) }
}
