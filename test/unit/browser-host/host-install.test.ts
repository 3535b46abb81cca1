import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { hostStates, hostStatus, installHost, uninstallHost } from '../../../src/main/browser-host/host-install'
import { BROWSERS } from '../../../src/main/browser-host/host-manifests'

let home: string

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'deskdial-host-'))
})
afterEach(() => rm(home, { recursive: true, force: true }))

function options(platform: NodeJS.Platform, runReg?: (args: string[]) => void) {
  return {
    browsers: BROWSERS,
    platform,
    home,
    env: {},
    dataDirectory: join(home, 'data'),
    node: '/usr/bin/node',
    cli: '/opt/deskdial/deskdial.cjs',
    runReg
  }
}

describe('deskdial browser-host install, status, uninstall', () => {
  it('on Linux writes an executable launcher and a manifest per browser, reports them, and removes them', async () => {
    expect(hostStatus(options('linux')).allInstalled).toBe(false)
    installHost(options('linux'))
    const launcher = join(home, 'data', 'browser-host', 'deskdial-browser-host.sh')
    expect((await stat(launcher)).mode & 0o111).not.toBe(0)
    const chromium = JSON.parse(
      await readFile(join(home, '.config', 'chromium', 'NativeMessagingHosts', 'org.deskdial.dialer.json'), 'utf8')
    )
    expect(chromium).toMatchObject({ path: launcher, type: 'stdio' })
    expect(hostStatus(options('linux'))).toEqual({ lines: expect.any(Array), allInstalled: true })
    uninstallHost(options('linux'))
    expect(hostStatus(options('linux')).lines.every((line) => line.endsWith('not installed.'))).toBe(true)
  })

  it('on Windows writes the manifests into the data folder, and adds, queries and deletes the registry keys through reg.exe', () => {
    const written = new Map<string, string>()
    const files = {
      write: (file: string, text: string) => void written.set(file, text),
      remove: (file: string) => void written.delete(file),
      exists: (file: string) => written.has(file)
    }
    const calls: string[][] = []
    const windows = {
      ...options('win32', (args) => calls.push(args)),
      home: 'C:\\Users\\ann',
      dataDirectory: 'C:\\Users\\ann\\AppData\\Roaming\\deskdial',
      files
    }
    installHost(windows)
    const launcher = 'C:\\Users\\ann\\AppData\\Roaming\\deskdial\\browser-host\\deskdial-browser-host.bat'
    expect(written.get(launcher)).toContain('browser-host %*')
    const firefox = JSON.parse(
      written.get('C:\\Users\\ann\\AppData\\Roaming\\deskdial\\browser-host\\org.deskdial.dialer.firefox.json')!
    )
    expect(firefox).toMatchObject({ path: launcher, allowed_extensions: ['browser@deskdial.org'] })
    expect(calls.map((args) => args[0])).toEqual(BROWSERS.map(() => 'add'))
    expect(hostStatus(windows).allInstalled).toBe(true)
    const failing = hostStatus({
      ...windows,
      runReg: () => {
        throw new Error('no key')
      }
    })
    expect(failing.allInstalled).toBe(false)
    uninstallHost(windows)
    expect(calls.slice(-BROWSERS.length).map((args) => args[0])).toEqual(BROWSERS.map(() => 'delete'))
    expect([...written.keys()]).toEqual([launcher])
  })

  it('finds a browser by its folder (Linux) or its registry key (Windows), for Settings → Browser', async () => {
    await mkdir(join(home, '.mozilla'))
    const linux = hostStates(options('linux'))
    expect(linux.filter((state) => state.browserFound).map((state) => state.browser)).toEqual(['firefox'])
    const asked: string[] = []
    const windows = hostStates({
      ...options('win32', (args) => {
        asked.push(args.join(' '))
        if (args.join(' ') !== 'query HKCU\\Software\\Google\\Chrome') throw new Error('no key')
      }),
      files: { write: () => undefined, remove: () => undefined, exists: () => false }
    })
    expect(windows.filter((state) => state.browserFound).map((state) => state.browser)).toEqual(['chrome'])
    expect(asked).toContain('query HKCU\\Software\\Mozilla')
  })
})
