import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countryFromLocale, defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { FileSettingsStore } from '../../../src/main/settings/settings-store'
import { checkAppSettings } from '../../../src/shared/app-settings'
import { SETTINGS_VERSION } from '../../../src/main/settings/settings-migrations'
import type { AppSettings } from '../../../src/shared/app-settings'

const NOW = Date.UTC(2026, 10, 24, 2, 40, 0)
let directory: string

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-settings-'))
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

function store(): FileSettingsStore {
  return new FileSettingsStore({ directory, defaults: defaultAppSettings('DE'), now: () => NOW })
}

/** Settings whose fields a test may set to anything, as a damaged file or a careless caller would. */
function loosely(settings: AppSettings): {
  account: Record<string, unknown>
  dialPlan: Record<string, unknown>
  hotkey: unknown
} {
  return settings as unknown as { account: Record<string, unknown>; dialPlan: Record<string, unknown>; hotkey: unknown }
}

function configured(): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.account = { ...settings.account, servers: ['pbx.example.com:5070'], user: '201', line: '200' }
  return settings
}

describe('settings defaults', () => {
  it('takes the country from the OS locale and falls back to US', () => {
    expect(countryFromLocale('de-DE')).toBe('DE')
    expect(countryFromLocale('de_AT.UTF-8')).toBe('AT')
    expect(countryFromLocale('en-GB@euro')).toBe('GB')
    expect(countryFromLocale('en')).toBeUndefined()
    expect(countryFromLocale('C.UTF-8')).toBeUndefined()
    expect(defaultAppSettings().dialPlan).toMatchObject({ country: 'US', internationalPrefix: '011' })
    expect(defaultAppSettings('DE').dialPlan.internationalPrefix).toBe('00')
  })

  it('confirms links and uses Ctrl/Cmd+Alt+D by default, and the defaults pass validation', () => {
    const settings = defaultAppSettings('GB')
    expect(settings.trustLinksWithoutConfirmation).toBe(false)
    expect(settings.hotkey).toBe('CommandOrControl+Alt+D')
    expect(checkAppSettings(settings)).toEqual({ ok: true, settings })
  })
})

describe('settings validation', () => {
  it('answers each wrong field with a sentence', () => {
    const settings = loosely(configured())
    settings.account.servers = ['pbx example']
    settings.account.line = ''
    settings.account.expires = 5
    settings.dialPlan.country = 'XX'
    settings.hotkey = 'D'
    const result = checkAppSettings(settings)
    expect(result.ok).toBe(false)
    if (result.ok) return
    const fields = result.problems.map((problem) => problem.field)
    expect(fields).toEqual(
      expect.arrayContaining(['account.servers', 'account.line', 'account.expires', 'dialPlan.country', 'hotkey'])
    )
    for (const problem of result.problems) expect(problem.error).toMatch(/^[A-Z“"].*\.$/)
  })

  it('allows no account at all but not half an account', () => {
    const half = defaultAppSettings('DE')
    half.account.user = '201'
    const result = checkAppSettings(half)
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['account.servers', 'account.line'])
  })

  it('trims text and drops unknown keys', () => {
    const settings = { ...configured(), extra: 1 } as AppSettings
    settings.account.user = ' 201 '
    const result = checkAppSettings(settings)
    expect(result.ok && result.settings.account.user).toBe('201')
    expect(result.ok && 'extra' in result.settings).toBe(false)
  })
})

describe('FileSettingsStore', () => {
  it('starts with defaults and first run when there is no file, and remembers a save', async () => {
    expect(await store().load()).toMatchObject({ settings: defaultAppSettings('DE'), firstRun: true })
    await store().save(configured())
    expect(await store().load()).toMatchObject({ settings: configured(), firstRun: false })
    const document = JSON.parse(await readFile(join(directory, 'settings.json'), 'utf8'))
    expect(document.version).toBe(SETTINGS_VERSION)
  })

  it('migrates a v1 file (one server) to v2 (a list of servers) and writes it back', async () => {
    const v1 = {
      version: 1,
      settings: {
        ...configured(),
        account: { ...configured().account, servers: undefined, server: 'pbx.example.com:5070' }
      }
    }
    await writeFile(join(directory, 'settings.json'), JSON.stringify(v1))
    const loaded = await store().load()
    expect(loaded).toMatchObject({ settings: configured(), firstRun: false })
    const document = JSON.parse(await readFile(join(directory, 'settings.json'), 'utf8'))
    expect(document).toMatchObject({ version: 2, setupDone: true })
    expect(document.settings.account.servers).toEqual(['pbx.example.com:5070'])
    expect(document.settings.account).not.toHaveProperty('server')
  })

  it('backs up a corrupt file, starts with defaults and tells the user, leaving other files alone', async () => {
    await writeFile(join(directory, 'settings.json'), '{"version": 2, "settings": {')
    await writeFile(join(directory, 'contacts.json'), '{"version":1,"contacts":[]}')
    const loaded = await store().load()
    const backup = 'settings.corrupt-2026-11-24T02-40-00-000Z.json'
    expect(loaded.settings).toEqual(defaultAppSettings('DE'))
    expect(loaded.firstRun).toBe(true)
    expect(loaded.notice).toContain(backup)
    expect(loaded.notice).toMatch(/default settings/)
    expect((await readdir(directory)).sort()).toEqual(['contacts.json', backup])
    expect(await readFile(join(directory, backup), 'utf8')).toBe('{"version": 2, "settings": {')
    expect(await readFile(join(directory, 'contacts.json'), 'utf8')).toBe('{"version":1,"contacts":[]}')
  })

  it('starts with defaults and says what is wrong when the settings path is a folder, touching nothing', async () => {
    await mkdir(join(directory, 'settings.json'))
    const loaded = await store().load()
    expect(loaded.settings).toEqual(defaultAppSettings('DE'))
    expect(loaded.notice).toMatch(
      /^DeskDial could not read its settings file \(.*EISDIR.*\) and started with default settings\./
    )
    expect(await readdir(directory)).toEqual(['settings.json'])
    await expect(store().save(defaultAppSettings('DE'))).rejects.toThrow()
  })

  it('backs up a file from a newer DeskDial instead of misreading it', async () => {
    await writeFile(join(directory, 'settings.json'), JSON.stringify({ version: 99, settings: {} }))
    const loaded = await store().load()
    expect(loaded.notice).toMatch(/newer DeskDial \(version 99\)/)
    expect(await readdir(directory)).toEqual(['settings.corrupt-2026-11-24T02-40-00-000Z.json'])
  })

  it('resets only the fields that are wrong and says which', async () => {
    const settings = loosely(configured())
    settings.hotkey = 42
    settings.dialPlan.outsideLinePrefix = 'nine'
    await writeFile(join(directory, 'settings.json'), JSON.stringify({ version: 2, setupDone: true, settings }))
    const loaded = await store().load()
    expect(loaded.settings).toEqual(configured())
    expect(loaded.notice).toBe(
      'Some settings could not be read and were reset to their defaults: Outside line prefix, Quick-dial hotkey. Please check them in Settings.'
    )
  })

  it('refuses to save invalid settings', async () => {
    const settings = configured()
    settings.account.transport = 'sctp' as never
    await expect(store().save(settings)).rejects.toThrow('Transport must be UDP, TCP or TLS.')
  })

  it('never leaves a temporary file behind and never writes a password', async () => {
    const settings = configured()
    await Promise.all([store().save(settings), store().save(settings)])
    expect(await readdir(directory)).toEqual(['settings.json'])
    expect(await readFile(join(directory, 'settings.json'), 'utf8')).not.toMatch(/password/i)
  })
})
