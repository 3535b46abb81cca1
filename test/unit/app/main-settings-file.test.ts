/**
 * The built main process keeps its settings in <userData>/settings.json through electron-store,
 * loaded under Node with the recording fake of Electron: saving, reading back at the next launch,
 * migrating an older file and backing up an unreadable one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import type { AppSettings } from '../../../src/shared/app-settings'
import type { SaveResult, SettingsView } from '../../../src/shared/ipc-contract'
import { callAsRenderer, eventually, launchBuiltMain, type LaunchedMain } from '../../support/built-main'

let userData: string
let running: LaunchedMain | undefined

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'deskdial-settings-wiring-'))
})

afterEach(async () => {
  await quit()
  rmSync(userData, { recursive: true, force: true })
})

async function launch(): Promise<LaunchedMain> {
  running = await launchBuiltMain(userData)
  return running
}

/** Quits the running app the way the OS does, so its backend shuts down before the next launch. */
async function quit(): Promise<void> {
  if (!running) return
  const { electron, restore } = running
  running = undefined
  electron.app.emit('before-quit', { preventDefault: () => undefined })
  await eventually(() => electron.app.quitCalls > 0, 'app.quit after shutdown')
  restore()
}

async function settingsView({ electron }: LaunchedMain): Promise<SettingsView> {
  return (await callAsRenderer(electron, 'getSettings')) as SettingsView
}

function settingsFile(): unknown {
  return JSON.parse(readFileSync(join(userData, 'settings.json'), 'utf8'))
}

describe('the built main process keeps settings in <userData>/settings.json through electron-store', () => {
  it('writes the settings the renderer saves and reads them back at the next launch', async () => {
    const first = await launch()
    const before = await settingsView(first)
    expect(before).toMatchObject({ settings: defaultAppSettings('US'), firstRun: true })
    expect(existsSync(join(userData, 'settings.json'))).toBe(false)

    const settings: AppSettings = {
      ...before.settings,
      hotkey: 'CommandOrControl+Shift+K',
      dialPlan: { ...before.settings.dialPlan, outsideLinePrefix: '9' }
    }
    expect(await callAsRenderer(first.electron, 'saveSettings', { settings })).toMatchObject({ ok: true })
    expect(settingsFile()).toEqual({ version: 2, setupDone: true, settings })
    expect(statSync(join(userData, 'settings.json')).mode & 0o777).toBe(0o600)
    // electron-store registers this channel (for stores in a renderer) whenever the main process opens one.
    expect(first.electron.listeners.has('electron-store-get-data')).toBe(true)

    await quit()
    const again = await settingsView(await launch())
    expect(again).toMatchObject({ settings, firstRun: false })
    expect(again.notice).toBeUndefined()
  })

  it('keeps its files in DESKDIAL_USER_DATA instead when set, chosen before the single-instance lock (which is per directory)', async () => {
    const elsewhere = join(userData, 'elsewhere')
    running = await launchBuiltMain(userData, [], { DESKDIAL_USER_DATA: elsewhere })
    expect(running.electron.app.calls.slice(0, 2)).toEqual([
      { method: 'setPath', args: ['userData', elsewhere] },
      { method: 'requestSingleInstanceLock', args: [] }
    ])
    const view = await settingsView(running)
    expect(await callAsRenderer(running.electron, 'saveSettings', { settings: view.settings })).toMatchObject({
      ok: true
    })
    expect(existsSync(join(elsewhere, 'settings.json'))).toBe(true)
    expect(existsSync(join(userData, 'settings.json'))).toBe(false)
  })

  it('migrates a v1 file (one server) to v2 (a list of servers) on disk', async () => {
    const { account, ...rest } = defaultAppSettings('US')
    const { servers: _servers, ...v1Account } = {
      ...account,
      server: '127.0.0.1',
      user: '201',
      line: '200',
      register: false
    }
    writeFileSync(
      join(userData, 'settings.json'),
      JSON.stringify({ version: 1, settings: { ...rest, account: v1Account } })
    )

    const view = await settingsView(await launch())
    const migrated = {
      ...rest,
      account: { ...account, servers: ['127.0.0.1'], user: '201', line: '200', register: false }
    }
    expect(view).toMatchObject({ settings: migrated, firstRun: false })
    expect(settingsFile()).toEqual({ version: 2, setupDone: true, settings: migrated })
  })

  it.each([
    ['is not JSON', '{"version": 2, "settings": {', 'The settings file could not be read.'],
    ['is JSON but not an object', '[]', 'The settings file does not contain settings.']
  ])(
    'backs up a settings file that %s, starts with defaults and tells the user, then saves afresh',
    async (_case, content, reason) => {
      writeFileSync(join(userData, 'settings.json'), content)

      const app = await launch()
      const backups = readdirSync(userData).filter((name) => name.startsWith('settings'))
      expect(backups).toEqual([
        expect.stringMatching(/^settings\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.json$/)
      ])
      expect(readFileSync(join(userData, backups[0] ?? ''), 'utf8')).toBe(content)
      const view = await settingsView(app)
      expect(view).toMatchObject({ settings: defaultAppSettings('US'), firstRun: true })
      expect(view.notice).toBe(
        `${reason} DeskDial kept a copy as ${backups[0]} and started with default settings: please check your account in Settings.`
      )

      const saved = (await callAsRenderer(app.electron, 'saveSettings', { settings: view.settings })) as SaveResult
      expect(saved).toMatchObject({ ok: true, view: { firstRun: false } })
      expect(settingsFile()).toEqual({ version: 2, setupDone: true, settings: view.settings })
    }
  )
})
