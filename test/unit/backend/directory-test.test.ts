/**
 * "Test directory" through the backend against a real OpenLDAP server on loopback: the sentences
 * a person reads for each outcome, with the password typed, stored or missing.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import { READER_DN, startSlapd, type TestDirectory } from '../../ldap/support/slapd'
import { requireTool } from '../../sip/support/require-tool'
import { ServiceDouble } from '../../support/service-double'

const canRun = requireTool('slapd') && requireTool('openssl')

describe.skipIf(!canRun)('Test directory against slapd', () => {
  let slapd: TestDirectory
  let folder: string
  let backend: DeskAppBackend
  let logged: string[]

  beforeAll(async () => {
    slapd = await startSlapd({ people: 50 })
  })
  afterAll(async () => {
    await slapd?.stop()
  })

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'deskdial-directory-test-'))
    logged = []
    backend = createFileBackedBackend({
      directory: folder,
      country: 'DE',
      version: '0.0.0-test',
      secrets: new MemorySecretStore('os-keychain'),
      directorySecrets: new MemorySecretStore('os-keychain'),
      createService: (options) => new ServiceDouble(options),
      emit: () => undefined,
      log: (level, message) => logged.push(`${level}: ${message}`),
      directoryTestTimeoutMs: 5_000,
      stopTimeoutMs: 100
    })
    await backend.start()
  })
  afterEach(async () => {
    await backend.shutdown()
    await rm(folder, { recursive: true, force: true })
  })

  it('binds with the typed password and says whom it found', async () => {
    const result = await backend.testDirectory(slapd.settings(), slapd.password)
    expect(result).toEqual({ ok: true, detail: expect.stringContaining(`bound as ${READER_DN}`) })
    expect(logged.join('\n')).not.toContain(slapd.password)
  })

  it('uses the stored password when none is typed', async () => {
    const settings = { ...defaultAppSettings('DE'), directory: slapd.settings({ enabled: true }) }
    expect(await backend.saveSettings({ settings, directoryPassword: slapd.password })).toMatchObject({ ok: true })
    expect(await backend.testDirectory(slapd.settings())).toMatchObject({ ok: true })
  })

  it('says that the bind failed for a wrong password', async () => {
    expect(await backend.testDirectory(slapd.settings(), 'not-the-password')).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^The directory at 127\.0\.0\.1:\d+ refused the bind DN "cn=reader,dc=example,dc=com" or its password \(LDAP result 49, invalid credentials\)\. Check the bind DN and enter the password again\.$/
      )
    })
  })

  it('says that the base DN does not exist', async () => {
    const result = await backend.testDirectory(
      slapd.settings({ baseDn: 'ou=nobody,dc=example,dc=com' }),
      slapd.password
    )
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining('The base DN "ou=nobody,dc=example,dc=com" does not exist')
    })
  })

  it('says that a certificate signed by an unknown CA is not trusted and how to fix it, then works with the CA file', async () => {
    const untrusted = await backend.testDirectory(slapd.settings({ url: slapd.ldapsUrl }), slapd.password)
    expect(untrusted).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^The certificate of the directory at .* is not trusted .*CA certificate file in Settings\.$/
      )
    })
    const trusted = await backend.testDirectory(
      slapd.settings({ url: slapd.ldapsUrl, caFile: slapd.caFile }),
      slapd.password
    )
    expect(trusted).toEqual({ ok: true, detail: expect.stringContaining('over LDAPS') })
  })

  it('says that a server nobody listens on cannot be reached', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
    const result = await backend.testDirectory(slapd.settings({ url: `ldap://127.0.0.1:${closedPort}` }), 'x')
    expect(result).toEqual({
      ok: false,
      error: `Nothing answers at 127.0.0.1:${closedPort} (connection refused). Check the directory server's address and port, and that the directory is running.`
    })
  })

  it('gives up on a server that accepts the connection but never answers, within its time limit', async () => {
    const silent = net.createServer((socket) => socket.on('error', () => undefined))
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as net.AddressInfo
    try {
      const result = await backend.testDirectory(slapd.settings({ url: `ldap://127.0.0.1:${port}` }), 'x')
      expect(result).toEqual({
        ok: false,
        error: `The directory at 127.0.0.1:${port} did not answer within 2.5 s. Check the server address and the network, or try again later.`
      })
    } finally {
      silent.close()
    }
  })
})
