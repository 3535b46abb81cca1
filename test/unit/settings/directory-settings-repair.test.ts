import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { FileSettingsStore } from '../../../src/main/settings/settings-store'
import type { AppSettings } from '../../../src/shared/app-settings'
import { defaultDirectorySettings } from '../../../src/shared/directory-settings'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-directory-settings-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

function store(): FileSettingsStore {
  return new FileSettingsStore({ directory: folder, defaults: defaultAppSettings('DE') })
}

/** Settings with a company directory switched on, as a user saved them. */
function withDirectory(): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.directory = {
    ...defaultDirectorySettings('active-directory'),
    enabled: true,
    url: 'ldaps://dc1.example.com',
    bindDn: 'cn=deskdial,ou=services,dc=example,dc=com',
    baseDn: 'ou=people,dc=example,dc=com'
  }
  return settings
}

async function loadFile(settings: unknown) {
  await writeFile(join(folder, 'settings.json'), JSON.stringify({ version: 2, setupDone: true, settings }))
  return store().load()
}

describe('the directory section of a settings file', () => {
  it('loads an older file without a directory section with the directory defaults, saying nothing', async () => {
    const { directory: _directory, ...older } = withDirectory()
    const loaded = await loadFile(older)
    expect(loaded.settings.directory).toEqual(defaultDirectorySettings())
    expect(loaded.notice).toBeUndefined()
  })

  it('resets only a bad server address and names it', async () => {
    const settings = withDirectory()
    const damaged = { ...settings, directory: { ...settings.directory, enabled: false, url: 'http://dc1' } }
    const loaded = await loadFile(damaged)
    expect(loaded.settings.directory).toEqual({ ...settings.directory, enabled: false, url: '' })
    expect(loaded.notice).toBe(
      'Some settings could not be read and were reset to their defaults: Directory server. Please check them in Settings.'
    )
  })

  it('resets only a bad attribute name, keeping the rest of the attribute map', async () => {
    const settings = withDirectory()
    const damaged = {
      ...settings,
      directory: { ...settings.directory, attributes: { ...settings.directory.attributes, mobile: 'mobile phone!' } }
    }
    const loaded = await loadFile(damaged)
    expect(loaded.settings.directory).toEqual({
      ...settings.directory,
      attributes: { ...settings.directory.attributes, mobile: defaultDirectorySettings().attributes.mobile }
    })
    expect(loaded.notice).toContain('Mobile attribute')
  })

  it('resets StartTLS when the server is ldaps://, keeping the server', async () => {
    const settings = withDirectory()
    const loaded = await loadFile({ ...settings, directory: { ...settings.directory, startTls: true } })
    expect(loaded.settings.directory).toEqual(settings.directory)
    expect(loaded.notice).toContain('Use StartTLS')
  })

  it('resets an unbalanced filter and a directory section that is not an object', async () => {
    const settings = withDirectory()
    const unbalanced = await loadFile({ ...settings, directory: { ...settings.directory, filter: '(&(cn=*)' } })
    expect(unbalanced.settings.directory).toEqual({
      ...settings.directory,
      filter: defaultDirectorySettings().filter
    })
    const notAnObject = await loadFile({ ...settings, directory: 'ldap://dc1' })
    expect(notAnObject.settings.directory).toEqual(defaultDirectorySettings())
    expect(notAnObject.settings.account).toEqual(settings.account)
  })

  it('never writes a bind password into the settings file', async () => {
    await store().save(withDirectory())
    const loaded = await store().load()
    expect(loaded.settings.directory).toEqual(withDirectory().directory)
    expect(JSON.stringify(loaded.settings)).not.toMatch(/password/i)
  })
})
