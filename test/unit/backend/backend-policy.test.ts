/**
 * The backend under an administrator's policy: the settings it runs with (policy defaults < the
 * user's own < locked), a save keeping only the user's own values in settings.json, a locked value
 * in a save refused, and a new provisioned document applied while it runs (over HTTPS on
 * 127.0.0.1, with a CA the test makes), reconnecting only when the account changed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import type { SettingsView } from '../../../src/shared/ipc-contract'
import { ServiceDouble } from '../../support/service-double'
import { makeTestCertificates, type TestCertificates } from '../../support/tls-certs'

let folder: string
let policyFile: string
let backend: DeskAppBackend | undefined
let services: ServiceDouble[]
let changes: SettingsView[]

const FILE_POLICY = {
  defaults: { dialPlan: { outsideLinePrefix: '9' }, trustLinksWithoutConfirmation: true },
  locked: { account: { servers: ['pbx.example.com'], transport: 'tcp', domain: 'example.com', user: '${username}' } }
}

async function open(policy: unknown | undefined): Promise<DeskAppBackend> {
  if (policy !== undefined) await writeFile(policyFile, JSON.stringify(policy))
  backend = createFileBackedBackend({
    directory: join(folder, 'data'),
    country: 'DE',
    version: '0.0.0-test',
    secrets: new MemorySecretStore(),
    policy: {
      file: { path: policyFile, named: policy !== undefined },
      dataDirectory: join(folder, 'data'),
      username: 'alice',
      timeoutMs: 3_000
    },
    createService: (options) => {
      const service = new ServiceDouble(options)
      services.push(service)
      return service
    },
    emit: (event, payload) => {
      if (event === 'settingsChanged') changes.push(payload as SettingsView)
    },
    stopTimeoutMs: 100
  })
  await backend.start()
  return backend
}

async function settingsFile(): Promise<{ settings: Record<string, unknown> }> {
  return JSON.parse(await readFile(join(folder, 'data', 'settings.json'), 'utf8'))
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-backend-policy-'))
  policyFile = join(folder, 'policy.json')
  services = []
  changes = []
})

afterEach(async () => {
  await backend?.shutdown()
  backend = undefined
  await rm(folder, { recursive: true, force: true })
})

describe('the backend under a policy file', () => {
  it('runs with the policy defaults under the user own settings and the locked values over them', async () => {
    const app = await open(FILE_POLICY)
    expect(app.settings.account).toMatchObject({
      servers: ['pbx.example.com'],
      transport: 'tcp',
      domain: 'example.com',
      user: 'alice'
    })
    expect(app.settings.dialPlan.outsideLinePrefix).toBe('9')
    expect(app.settings.trustLinksWithoutConfirmation).toBe(true)
    const view = await app.getSettings()
    expect(view.policy).toEqual({
      sources: [policyFile],
      locked: ['account.servers', 'account.transport', 'account.user', 'account.domain'],
      defaults: ['dialPlan.outsideLinePrefix', 'trustLinksWithoutConfirmation'],
      problems: []
    })
  })

  it('tells a wrong key of the policy in the window, naming the file and the key, and applies the rest', async () => {
    const app = await open({ ...FILE_POLICY, defaults: { ...FILE_POLICY.defaults, hotkey: 42 } })
    const view = await app.getSettings()
    expect(view.notice).toContain(`The policy ${policyFile} has a wrong value at "defaults.hotkey":`)
    expect(view.policy.problems).toHaveLength(1)
    expect(app.settings.account.servers).toEqual(['pbx.example.com'])
    expect(app.settings.dialPlan.outsideLinePrefix).toBe('9')
  })

  it('keeps only the user own values in settings.json, never a policy default or a locked value', async () => {
    const app = await open(FILE_POLICY)
    const { settings } = await app.getSettings()
    const saved = await app.saveSettings({
      settings: { ...settings, account: { ...settings.account, line: '1001' }, notifications: false },
      password: 'secret'
    })
    expect(saved).toMatchObject({ ok: true })
    const builtIn = defaultAppSettings('DE')
    const file = await settingsFile()
    // The built-in defaults with the user's own two values: nothing of the policy.
    expect(file.settings).toEqual({
      ...builtIn,
      account: { ...builtIn.account, line: '1001' },
      notifications: false
    })
    await app.shutdown()

    // The administrator changes a default: the user, who saved once, gets the new one.
    const again = await open({ ...FILE_POLICY, defaults: { dialPlan: { outsideLinePrefix: '0' } } })
    expect(again.settings.dialPlan.outsideLinePrefix).toBe('0')
    expect(again.settings.account.line).toBe('1001')
    expect(again.settings.notifications).toBe(false)
    await again.shutdown()

    // Without the policy, the user's own settings are all that is left: nothing was overwritten.
    await rm(policyFile)
    const alone = await open(undefined)
    expect(alone.settings.account).toEqual({ ...builtIn.account, line: '1001' })
    expect(alone.settings.dialPlan.outsideLinePrefix).toBe(builtIn.dialPlan.outsideLinePrefix)
  })

  it('refuses a save that changes a locked value, naming the policy file, and changes nothing', async () => {
    const app = await open(FILE_POLICY)
    const { settings } = await app.getSettings()
    const refused = await app.saveSettings({
      settings: { ...settings, account: { ...settings.account, servers: ['elsewhere.example.net'], line: '1001' } }
    })
    expect(refused).toEqual({
      ok: false,
      error: `Server is set by your administrator in ${policyFile} and cannot be changed here.`,
      field: 'account.servers'
    })
    expect(app.settings.account.servers).toEqual(['pbx.example.com'])
    await expect(readFile(join(folder, 'data', 'settings.json'))).rejects.toThrow(/ENOENT/)
  })
})

describe('the backend with a provisioning URL', () => {
  let certificates: TestCertificates
  let server: Server
  let document: unknown

  beforeAll(async () => {
    certificates = await makeTestCertificates()
  })

  afterAll(async () => {
    await certificates.cleanup()
  })

  beforeEach(async () => {
    server = createServer(
      { key: await readFile(certificates.keyFile), cert: await readFile(certificates.certFile) },
      (_request, response) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document))
    )
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })

  afterEach(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  function provisioned(servers: string[], prefix: string): unknown {
    return {
      defaults: { dialPlan: { outsideLinePrefix: prefix } },
      locked: { account: { servers, user: '${username}', line: '1001' } }
    }
  }

  it('applies a new document at once, reconnecting only when the account changed', async () => {
    document = provisioned(['pbx-a.example.com'], '9')
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/deskdial.json`
    const app = await open({ provisioningUrl: url, caFile: certificates.caFile })
    expect(app.settings.account.servers).toEqual(['pbx-a.example.com'])
    await until(() => services.length === 1 && services[0]?.started)
    expect((await app.getSettings()).policy.sources).toEqual([policyFile, url])

    document = provisioned(['pbx-b.example.com'], '9')
    await app.refreshPolicy()
    expect(app.settings.account.servers).toEqual(['pbx-b.example.com'])
    expect(changes.at(-1)?.settings.account.servers).toEqual(['pbx-b.example.com'])
    await until(() => services.length === 2 && services[1]?.server === 'pbx-b.example.com')

    document = provisioned(['pbx-b.example.com'], '0')
    await app.refreshPolicy()
    expect(app.settings.dialPlan.outsideLinePrefix).toBe('0')
    expect(changes.at(-1)?.settings.dialPlan.outsideLinePrefix).toBe('0')
    expect(services).toHaveLength(2)
  })
})

async function until(check: () => boolean | undefined): Promise<void> {
  const deadline = Date.now() + 5_000
  while (!check()) {
    if (Date.now() > deadline) throw new Error('The backend did not get there within 5 s.')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
