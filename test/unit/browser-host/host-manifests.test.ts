import { describe, expect, it } from 'vitest'
import {
  BROWSERS,
  hostManifest,
  hostPlace,
  launcherScript,
  registryCommands
} from '../../../src/main/browser-host/host-manifests'

const LINUX = { platform: 'linux' as const, home: '/home/ann', env: {}, dataDirectory: '/home/ann/.config/deskdial' }
const MAC = {
  platform: 'darwin' as const,
  home: '/Users/ann',
  env: {},
  dataDirectory: '/Users/ann/Library/Application Support/deskdial'
}
const WINDOWS = {
  platform: 'win32' as const,
  home: 'C:\\Users\\ann',
  env: {},
  dataDirectory: 'C:\\Users\\ann\\AppData\\Roaming\\deskdial'
}

describe('where each browser finds the host', () => {
  it('on Linux, in each browser’s per-user folder', () => {
    expect(BROWSERS.map((browser) => hostPlace(browser, LINUX).file)).toEqual([
      '/home/ann/.config/google-chrome/NativeMessagingHosts/org.deskdial.dialer.json',
      '/home/ann/.config/chromium/NativeMessagingHosts/org.deskdial.dialer.json',
      '/home/ann/.config/microsoft-edge/NativeMessagingHosts/org.deskdial.dialer.json',
      '/home/ann/.config/BraveSoftware/Brave-Browser/NativeMessagingHosts/org.deskdial.dialer.json',
      '/home/ann/.mozilla/native-messaging-hosts/org.deskdial.dialer.json'
    ])
    expect(hostPlace('chromium', { ...LINUX, env: { XDG_CONFIG_HOME: '/cfg' } }).file).toBe(
      '/cfg/chromium/NativeMessagingHosts/org.deskdial.dialer.json'
    )
  })

  it('on macOS, under Application Support', () => {
    expect(BROWSERS.map((browser) => hostPlace(browser, MAC).file)).toEqual([
      '/Users/ann/Library/Application Support/Google/Chrome/NativeMessagingHosts/org.deskdial.dialer.json',
      '/Users/ann/Library/Application Support/Chromium/NativeMessagingHosts/org.deskdial.dialer.json',
      '/Users/ann/Library/Application Support/Microsoft Edge/NativeMessagingHosts/org.deskdial.dialer.json',
      '/Users/ann/Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts/org.deskdial.dialer.json',
      '/Users/ann/Library/Application Support/Mozilla/NativeMessagingHosts/org.deskdial.dialer.json'
    ])
  })

  it('on Windows, through a registry key of the current user naming a file in the data folder', () => {
    const places = BROWSERS.map((browser) => hostPlace(browser, WINDOWS))
    expect(places.map((place) => place.registryKey)).toEqual([
      'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.deskdial.dialer',
      'HKCU\\Software\\Chromium\\NativeMessagingHosts\\org.deskdial.dialer',
      'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.deskdial.dialer',
      'HKCU\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\org.deskdial.dialer',
      'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\org.deskdial.dialer'
    ])
    expect(places[0]?.file).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\deskdial\\browser-host\\org.deskdial.dialer.chromium.json'
    )
    expect(places[4]?.file).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\deskdial\\browser-host\\org.deskdial.dialer.firefox.json'
    )
    expect(registryCommands(places[0]!)).toEqual({
      add: [
        'add',
        'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.deskdial.dialer',
        '/ve',
        '/t',
        'REG_SZ',
        '/d',
        'C:\\Users\\ann\\AppData\\Roaming\\deskdial\\browser-host\\org.deskdial.dialer.chromium.json',
        '/f'
      ],
      remove: ['delete', 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.deskdial.dialer', '/f'],
      query: ['query', 'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\org.deskdial.dialer', '/ve']
    })
  })
})

describe('the host manifest', () => {
  it('lets only DeskDial’s extension start the host: its origin for Chromium browsers, its ID for Firefox', () => {
    expect(hostManifest('edge', '/x/host.sh')).toEqual({
      name: 'org.deskdial.dialer',
      description: expect.any(String),
      path: '/x/host.sh',
      type: 'stdio',
      allowed_origins: ['chrome-extension://mpadcajfbenpcmakoicpnehlmiegfplg/']
    })
    expect(hostManifest('firefox', '/x/host.sh')).toMatchObject({ allowed_extensions: ['browser@deskdial.org'] })
    expect(hostManifest('firefox', '/x/host.sh')).not.toHaveProperty('allowed_origins')
  })

  it('names a launcher that runs the CLI with browser-host, quoting paths with spaces and quotes', () => {
    expect(launcherScript('linux', '/usr/bin/node', "/opt/Desk Dial/it's.cjs")).toBe(
      `#!/bin/sh\nexec '/usr/bin/node' '/opt/Desk Dial/it'\\''s.cjs' browser-host "$@"\n`
    )
    expect(launcherScript('win32', 'C:\\node.exe', 'C:\\Program Files\\DeskDial\\deskdial.cjs')).toBe(
      '@echo off\r\n"C:\\node.exe" "C:\\Program Files\\DeskDial\\deskdial.cjs" browser-host %*\r\n'
    )
  })
})
