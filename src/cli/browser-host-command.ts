/**
 * `deskdial browser-host`: the native messaging host `org.deskdial.dialer` that the browser
 * extension talks to. Started by the browser (with the extension's origin, or Firefox's manifest
 * path and extension ID, as arguments), it relays each message to the running app. With
 * `install`, `uninstall` or `status` it sets up or reports the host for each browser.
 * Exit codes: 0 done (status: installed for every browser), 1 a bad message or not installed, 2 bad usage.
 */
import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { runNativeHost } from '../main/browser-host/native-host'
import { BROWSERS, type Browser } from '../main/browser-host/host-manifests'
import { hostStatus, installHost, uninstallHost } from '../main/browser-host/host-install'
import { browserRelayAddress } from '../main/browser-relay/relay-address'
import { userDataDirectory } from '../main/settings/user-data-directory'
import { parseArguments, UsageError } from './cli-options'

export const BROWSER_HOST_USAGE = `Usage:
  deskdial browser-host install|uninstall|status [--browser NAME] [--browser-dir DIR]

Sets up the connection between DeskDial's browser extension and the app: the native messaging
host org.deskdial.dialer, for Chrome, Chromium, Edge, Brave and Firefox (your user only).
  --browser NAME      only this browser: ${BROWSERS.join(', ')} (repeat for several)
  --browser-dir DIR   write the host manifest into DIR (a profile's NativeMessagingHosts folder)
                      instead of each browser's own folder; with --browser firefox, Firefox's form

Without install, uninstall or status, the browser runs it: it then relays the extension's messages
to the running app (in DESKDIAL_USER_DATA, else the app's data folder).`

/** How long the app may take to answer one message: a dial waits for the phone system's first answer. */
const ANSWER_TIMEOUT_MS = 20_000

export interface BrowserHostIo {
  write(line: string): void
  writeError(line: string): void
}

export async function runBrowserHost(argv: string[], io: BrowserHostIo, env: NodeJS.ProcessEnv): Promise<number> {
  const action = argv[0]
  const dataDirectory = userDataDirectory(env)
  if (action !== 'install' && action !== 'uninstall' && action !== 'status') {
    if (action === '--help') {
      io.write(BROWSER_HOST_USAGE)
      return 0
    }
    return runNativeHost({
      input: process.stdin,
      output: process.stdout,
      address: browserRelayAddress(dataDirectory),
      timeoutMs: ANSWER_TIMEOUT_MS
    })
  }
  let browsers: Browser[]
  let browserDirectory: string | undefined
  try {
    const { values, positionals } = parseArguments(argv.slice(1), {
      browser: { type: 'string', multiple: true },
      'browser-dir': { type: 'string' }
    })
    if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`)
    const unknown = (values.browser ?? []).find((name) => !(BROWSERS as readonly string[]).includes(name))
    if (unknown !== undefined) throw new UsageError(`Unknown browser “${unknown}”: use one of ${BROWSERS.join(', ')}.`)
    browsers = (values.browser as Browser[] | undefined) ?? (values['browser-dir'] ? ['chromium'] : [...BROWSERS])
    browserDirectory = values['browser-dir'] === undefined ? undefined : resolve(values['browser-dir'])
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.writeError(error.message)
    io.writeError(BROWSER_HOST_USAGE)
    return 2
  }
  const options = {
    browsers,
    browserDirectory,
    platform: process.platform,
    home: env.HOME || homedir(),
    env,
    dataDirectory,
    node: process.execPath,
    cli: resolve(process.argv[1] ?? 'deskdial')
  }
  if (action === 'install') installHost(options).forEach((line) => io.write(line))
  if (action === 'uninstall') uninstallHost(options).forEach((line) => io.write(line))
  if (action === 'status') {
    const status = hostStatus(options)
    status.lines.forEach((line) => io.write(line))
    return status.allInstalled ? 0 : 1
  }
  return 0
}
