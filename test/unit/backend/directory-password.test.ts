import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import type { DirectoryProbeOptions } from '../../../src/main/backend/directory-test'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import {
  DIRECTORY_PASSWORD,
  EncryptedFileSecretStore,
  MemorySecretStore,
  SIP_PASSWORD,
  type SecretCipher,
  type SecretStore
} from '../../../src/main/settings/password-store'
import type { AppSettings } from '../../../src/shared/app-settings'
import { RETYPE_DIRECTORY_PASSWORD } from '../../../src/shared/directory-password'
import { defaultDirectorySettings, type DirectorySettings } from '../../../src/shared/directory-settings'
import { ServiceDouble } from '../../support/service-double'

const BIND_PASSWORD = 'bind-Secret-7'

let folder: string
let backend: DeskAppBackend
let sipSecrets: SecretStore
let directorySecrets: SecretStore
let logged: string[]
/** The directories "Test directory" connected to, with the password it bound with. */
let opened: DirectoryProbeOptions[]

function open(): DeskAppBackend {
  return createFileBackedBackend({
    directory: folder,
    country: 'DE',
    version: '0.0.0-test',
    secrets: sipSecrets,
    directorySecrets,
    createService: (options) => new ServiceDouble(options),
    emit: () => undefined,
    log: (level, message) => logged.push(`${level}: ${message}`),
    openDirectory: (options) => {
      opened.push(options)
      return {
        test: async () => ({ ok: true, detail: 'Found 3 people.' }),
        close: async () => undefined
      }
    },
    stopTimeoutMs: 100
  })
}

function withDirectory(change: Partial<DirectorySettings> = {}): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.directory = {
    ...defaultDirectorySettings(),
    enabled: true,
    url: 'ldaps://ldap.example.com',
    bindDn: 'cn=deskdial,ou=services,dc=example,dc=com',
    baseDn: 'ou=people,dc=example,dc=com',
    ...change
  }
  return settings
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-directory-password-'))
  sipSecrets = new MemorySecretStore('os-keychain')
  directorySecrets = new MemorySecretStore('os-keychain')
  logged = []
  opened = []
  backend = open()
  await backend.start()
})

afterEach(async () => {
  await backend.shutdown()
  await rm(folder, { recursive: true, force: true })
})

describe('the directory bind password', () => {
  it('is stored apart from the SIP password and the settings file, and offered to other code', async () => {
    const saved = await backend.saveSettings({ settings: withDirectory(), directoryPassword: BIND_PASSWORD })
    expect(saved).toMatchObject({ ok: true, view: { directoryPasswordSet: true, passwordSet: false } })
    expect(await directorySecrets.getPassword()).toBe(BIND_PASSWORD)
    expect(await sipSecrets.getPassword()).toBeUndefined()
    expect(await backend.directoryPassword()).toBe(BIND_PASSWORD)
    const files = await readdir(folder)
    for (const file of files) expect(await readFile(join(folder, file), 'utf8')).not.toContain(BIND_PASSWORD)
    expect(await backend.diagnosticsReport()).not.toContain(BIND_PASSWORD)
  })

  it('is kept when other settings change, and removed by an empty password (anonymous bind)', async () => {
    await backend.saveSettings({ settings: withDirectory(), directoryPassword: BIND_PASSWORD })
    const otherBase = withDirectory({ baseDn: 'ou=staff,dc=example,dc=com', filter: '(objectClass=person)' })
    expect(await backend.saveSettings({ settings: otherBase })).toMatchObject({ ok: true })
    expect(await backend.directoryPassword()).toBe(BIND_PASSWORD)
    const anonymous = await backend.saveSettings({ settings: otherBase, directoryPassword: '' })
    expect(anonymous).toMatchObject({ ok: true, view: { directoryPasswordSet: false } })
    expect(await backend.directoryPassword()).toBeUndefined()
  })

  it.each([
    ['the server', { url: 'ldaps://ldap.attacker.example' }],
    ['the bind DN', { bindDn: 'cn=admin,dc=example,dc=com' }]
  ])('must be typed again when %s changes, in saving and in the test', async (_what, change) => {
    await backend.saveSettings({ settings: withDirectory(), directoryPassword: BIND_PASSWORD })
    const changed = withDirectory(change)
    expect(await backend.saveSettings({ settings: changed })).toEqual({
      ok: false,
      error: RETYPE_DIRECTORY_PASSWORD,
      field: 'directoryPassword'
    })
    expect(backend.settings.directory).toEqual(withDirectory().directory)
    expect(await backend.testDirectory(changed.directory)).toEqual({
      ok: false,
      error: RETYPE_DIRECTORY_PASSWORD,
      field: 'directoryPassword'
    })
    expect(opened).toEqual([])
    expect(await backend.saveSettings({ settings: changed, directoryPassword: 'new-one' })).toMatchObject({ ok: true })
    expect(await backend.directoryPassword()).toBe('new-one')
  })

  it('is not asked for again when none is stored', async () => {
    await backend.saveSettings({ settings: withDirectory() })
    expect(await backend.saveSettings({ settings: withDirectory({ url: 'ldap://ldap2.example.com' }) })).toMatchObject({
      ok: true
    })
  })

  it('leaves the SIP password alone, and the SIP retype rule leaves it alone', async () => {
    const settings = withDirectory()
    settings.account = { ...settings.account, servers: ['pbx.example.com'], user: '201', line: '200' }
    await backend.saveSettings({ settings, password: 'sip-pw', directoryPassword: BIND_PASSWORD })
    const elsewhere = structuredClone(settings)
    elsewhere.account.servers = ['pbx.attacker.example']
    expect(await backend.saveSettings({ settings: elsewhere, directoryPassword: 'x' })).toMatchObject({
      ok: false,
      field: 'password'
    })
    expect(await backend.directoryPassword()).toBe(BIND_PASSWORD)
    expect(await backend.saveSettings({ settings, directoryPassword: '' })).toMatchObject({ ok: true })
    expect(await sipSecrets.getPassword()).toBe('sip-pw')
  })
})

describe('Test directory', () => {
  it('binds with the typed password, or the stored one, or anonymously, never logging it', async () => {
    await backend.saveSettings({ settings: withDirectory(), directoryPassword: BIND_PASSWORD })
    const { directory } = withDirectory({ baseDn: 'ou=staff,dc=example,dc=com' })
    expect(await backend.testDirectory(directory)).toEqual({ ok: true, detail: 'Found 3 people.' })
    expect(await backend.testDirectory(directory, 'typed')).toMatchObject({ ok: true })
    expect(await backend.testDirectory(directory, '')).toMatchObject({ ok: true })
    expect(opened.map((options) => options.password)).toEqual([BIND_PASSWORD, 'typed', undefined])
    expect(opened[0]?.settings).toEqual(directory)
    expect(logged.join('\n')).not.toContain(BIND_PASSWORD)
    expect(backend.settings.directory.baseDn).toBe('ou=people,dc=example,dc=com')
  })

  it('says what is wrong with a field before connecting, also when the directory is off', async () => {
    const { directory } = withDirectory({ enabled: false, url: 'ldap:/ldap.example.com', baseDn: '' })
    expect(await backend.testDirectory(directory)).toEqual({
      ok: false,
      field: 'directory.url',
      error:
        'Directory server must be written like ldaps://ldap.example.com or ldap://ldap.example.com:389. Enter the base DN, e.g. ou=people,dc=example,dc=com.'
    })
    expect(opened).toEqual([])
  })
})

describe('a damaged bind password file', () => {
  it('is told in the window as the directory bind password, not the SIP password', async () => {
    await backend.shutdown()
    const file = join(folder, 'directory-secret.json')
    await writeFile(file, '{"password": 7}')
    const cipher: SecretCipher = {
      encrypt: async (text) => Buffer.from(text),
      decrypt: async (bytes) => ({ plainText: bytes.toString(), shouldReEncrypt: false })
    }
    directorySecrets = new EncryptedFileSecretStore('os-keychain', DIRECTORY_PASSWORD, file, cipher)
    sipSecrets = new EncryptedFileSecretStore('os-keychain', SIP_PASSWORD, join(folder, 'secret.json'), cipher)
    backend = open()
    await backend.start()
    const view = await backend.getSettings()
    expect(view.directoryPasswordSet).toBe(false)
    expect(view.notice).toBe(
      'The file that holds the directory bind password is damaged: DeskDial cannot use it. Enter the bind password under Company directory again in Settings.'
    )
  })
})
