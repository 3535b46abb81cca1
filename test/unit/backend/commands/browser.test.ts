/**
 * Settings → Browser through the backend: the window's commands set up, report and remove the
 * native messaging host per browser in a temporary HOME (Linux paths), and in one profile folder
 * (`browserDirectory`, as `--browser-dir`), as `deskdial browser-host install|uninstall|status` does.
 */
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatchCommand } from '../../../../src/main/backend/command-dispatcher'
import { commandsForWindow, type DeskAppBackend } from '../../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../../src/main/backend/file-backed-backend'
import type { BrowserHostSetup } from '../../../../src/main/browser-host/host-install'
import { CHROMIUM_EXTENSION_ID } from '../../../../src/shared/browser-extension-identity'
import type { BrowserConnections } from '../../../../src/shared/ipc-contract'
import { ServiceDouble } from '../../../support/service-double'

let folder: string
let home: string
let data: string
let backends: DeskAppBackend[]

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-browser-cmd-'))
  home = join(folder, 'home')
  data = join(folder, 'data')
  await mkdir(home)
  backends = []
})

afterEach(async () => {
  for (const backend of backends) await backend.shutdown()
  await rm(folder, { recursive: true, force: true })
})

async function openBackend(browserHost?: BrowserHostSetup): Promise<DeskAppBackend> {
  const backend = createFileBackedBackend({
    directory: data,
    country: 'DE',
    version: '0.0.0-test',
    createService: (options) => new ServiceDouble(options),
    emit: () => undefined,
    ...(browserHost ? { browserHost } : {})
  })
  backends.push(backend)
  await backend.start()
  return backend
}

function linuxSetup(
  launcher: BrowserHostSetup['launcher'] = () => ({ node: '/usr/bin/node', cli: '/opt/deskdial/cli/deskdial.cjs' })
): BrowserHostSetup {
  return { platform: 'linux', home, env: {}, dataDirectory: data, launcher }
}

const stateOf = (answer: BrowserConnections, browser: string) =>
  answer.browsers.find((connection) => connection.browser === browser)?.state

describe('Settings → Browser', () => {
  it('tells each browser apart: not found, not installed, installed; installs and removes one browser', async () => {
    await mkdir(join(home, '.config', 'chromium'), { recursive: true })
    const backend = await openBackend(linuxSetup())
    const before = await backend.browserConnections()
    expect(before.error).toBeUndefined()
    expect(before.browsers.map((connection) => [connection.name, connection.state])).toEqual([
      ['Google Chrome', 'browser-not-found'],
      ['Chromium', 'not-installed'],
      ['Microsoft Edge', 'browser-not-found'],
      ['Brave', 'browser-not-found'],
      ['Firefox', 'browser-not-found']
    ])

    const installed = await backend.installBrowserConnection('chromium')
    expect(installed.error).toBeUndefined()
    expect(stateOf(installed, 'chromium')).toBe('installed')
    expect(stateOf(installed, 'chrome')).toBe('browser-not-found')
    const manifestFile = join(home, '.config', 'chromium', 'NativeMessagingHosts', 'org.deskdial.dialer.json')
    expect(installed.browsers.find((connection) => connection.browser === 'chromium')?.where).toBe(manifestFile)
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { path: string; allowed_origins: string[] }
    expect(manifest.allowed_origins).toEqual([`chrome-extension://${CHROMIUM_EXTENSION_ID}/`])
    expect(manifest.path).toBe(join(data, 'browser-host', 'deskdial-browser-host.sh'))
    // The launcher runs the app's CLI with the Node the app found.
    expect(await readFile(manifest.path, 'utf8')).toContain(
      `exec '/usr/bin/node' '/opt/deskdial/cli/deskdial.cjs' browser-host`
    )
    expect((await stat(manifest.path)).mode & 0o777).toBe(0o755)
    expect(await backend.browserConnections()).toEqual(installed)

    const removed = await backend.removeBrowserConnection('chromium')
    expect(removed.error).toBeUndefined()
    expect(stateOf(removed, 'chromium')).toBe('not-installed')
    await expect(stat(manifestFile)).rejects.toThrow()
  })

  it('installs into one profile folder given as browserDirectory', async () => {
    const profile = join(folder, 'profile')
    const hosts = join(profile, 'NativeMessagingHosts')
    await mkdir(profile)
    const backend = await openBackend({ ...linuxSetup(), browserDirectory: hosts })
    expect(stateOf(await backend.browserConnections(), 'chromium')).toBe('not-installed')
    expect(stateOf(await backend.installBrowserConnection('chromium'), 'chromium')).toBe('installed')
    await stat(join(hosts, 'org.deskdial.dialer.json'))
    expect(stateOf(await backend.removeBrowserConnection('chromium'), 'chromium')).toBe('not-installed')
  })

  it('says in a sentence why it could not install, and writes nothing', async () => {
    const backend = await openBackend(
      linuxSetup(() => {
        throw new Error('no Node.js (20 or later) is on the PATH. Install Node.js.')
      })
    )
    const answer = await backend.installBrowserConnection('firefox')
    expect(answer.error).toBe(
      'DeskDial could not set up the connection for Firefox: no Node.js (20 or later) is on the PATH. Install Node.js. Then try again.'
    )
    expect(stateOf(answer, 'firefox')).toBe('browser-not-found')
    await expect(stat(join(data, 'browser-host'))).rejects.toThrow()
  })

  it('refuses a browser it does not know, and says so when the app cannot set browsers up', async () => {
    const backend = await openBackend()
    expect(await backend.browserConnections()).toEqual({
      browsers: [],
      error: expect.stringContaining('deskdial browser-host install') as string
    })
    await expect(
      dispatchCommand(
        commandsForWindow(backend, () => undefined),
        'installBrowserConnection',
        ['opera']
      )
    ).rejects.toThrow(/installBrowserConnection cannot use argument 1/)
  })
})
