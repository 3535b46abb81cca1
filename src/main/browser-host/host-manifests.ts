/**
 * Where each browser looks for the native messaging host `org.deskdial.dialer`, per user: a JSON
 * file in a folder of the browser's on Linux and macOS, a registry key naming the JSON file on
 * Windows. Chromium browsers name the extension's origin, Firefox its ID.
 */
import { join, win32 } from 'node:path'
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, NATIVE_HOST_NAME } from '../../shared/browser-extension-identity'

export const BROWSERS = ['chrome', 'chromium', 'edge', 'brave', 'firefox'] as const
export type Browser = (typeof BROWSERS)[number]

export const BROWSER_NAMES: Record<Browser, string> = {
  chrome: 'Google Chrome',
  chromium: 'Chromium',
  edge: 'Microsoft Edge',
  brave: 'Brave',
  firefox: 'Firefox'
}

/** Each browser's folder (Linux: under ~/.config, macOS: under ~/Library/Application Support) and registry path. */
const PLACES: Record<Browser, { linux: string[]; mac: string[]; registry: string }> = {
  chrome: { linux: ['google-chrome'], mac: ['Google', 'Chrome'], registry: 'Software\\Google\\Chrome' },
  chromium: { linux: ['chromium'], mac: ['Chromium'], registry: 'Software\\Chromium' },
  edge: { linux: ['microsoft-edge'], mac: ['Microsoft Edge'], registry: 'Software\\Microsoft\\Edge' },
  brave: {
    linux: ['BraveSoftware', 'Brave-Browser'],
    mac: ['BraveSoftware', 'Brave-Browser'],
    registry: 'Software\\BraveSoftware\\Brave-Browser'
  },
  firefox: { linux: [], mac: ['Mozilla'], registry: 'Software\\Mozilla' }
}

export interface HostPlace {
  browser: Browser
  /** The host manifest's file. */
  file: string
  /** Windows: the key under HKEY_CURRENT_USER whose default value names {@link file}. */
  registryKey?: string
}

export interface PlaceOptions {
  platform: NodeJS.Platform
  home: string
  env: NodeJS.ProcessEnv
  /** Windows: where DeskDial keeps the manifest files the registry keys name (its data folder). */
  dataDirectory: string
}

export function hostPlace(browser: Browser, options: PlaceOptions): HostPlace {
  const name = `${NATIVE_HOST_NAME}.json`
  const place = PLACES[browser]
  if (options.platform === 'win32') {
    return {
      browser,
      file: win32.join(options.dataDirectory, 'browser-host', `${NATIVE_HOST_NAME}.${family(browser)}.json`),
      registryKey: `HKCU\\${place.registry}\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`
    }
  }
  if (options.platform === 'darwin') {
    const folder = join(options.home, 'Library', 'Application Support', ...place.mac, 'NativeMessagingHosts')
    return { browser, file: join(folder, name) }
  }
  if (browser === 'firefox') return { browser, file: join(options.home, '.mozilla', 'native-messaging-hosts', name) }
  const config = options.env.XDG_CONFIG_HOME || join(options.home, '.config')
  return { browser, file: join(config, ...place.linux, 'NativeMessagingHosts', name) }
}

function family(browser: Browser): 'chromium' | 'firefox' {
  return browser === 'firefox' ? 'firefox' : 'chromium'
}

/** The host manifest a browser reads: what starts the host (`launcher`) and which extension may. */
export function hostManifest(browser: Browser, launcher: string): Record<string, unknown> {
  const common = {
    name: NATIVE_HOST_NAME,
    description: 'DeskDial: calls the numbers you click in the browser from your desk phone',
    path: launcher,
    type: 'stdio'
  }
  return family(browser) === 'firefox'
    ? { ...common, allowed_extensions: [FIREFOX_EXTENSION_ID] }
    : { ...common, allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`] }
}

/** The `reg.exe` command lines that register, remove and look up the host for a browser on Windows. */
export function registryCommands(place: HostPlace): { add: string[]; remove: string[]; query: string[] } {
  const key = place.registryKey ?? ''
  return {
    add: ['add', key, '/ve', '/t', 'REG_SZ', '/d', place.file, '/f'],
    remove: ['delete', key, '/f'],
    query: ['query', key, '/ve']
  }
}

/** The script the host manifest names: browsers start it without arguments of ours, so it adds `browser-host`. */
export function launcherScript(platform: NodeJS.Platform, node: string, cli: string): string {
  if (platform === 'win32') return `@echo off\r\n"${node}" "${cli}" browser-host %*\r\n`
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`
  return `#!/bin/sh\nexec ${quote(node)} ${quote(cli)} browser-host "$@"\n`
}
