/**
 * The app's demo mode: the backend runs the built-in demo phone system on loopback and the real
 * DeskDial service registers to it and dials through it, as on a first run without a phone system.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { DeskDialService } from '../../../src/main/service/deskdial-service'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import type { CallProgress } from '../../../src/shared/call-progress'
import type { RegistrationStatus } from '../../../src/shared/registration-status'
import { hostAndPort, tcpPortAnswers } from '../../support/port-answers'
import { Waiters } from '../../sip/support/waiters'

let directory: string
let secrets: MemorySecretStore
let registrations: RegistrationStatus[]
let calls: CallProgress[]
let backends: DeskAppBackend[]
let waiters: Waiters

async function openDeskDial(demoPort = 0): Promise<DeskAppBackend> {
  const backend = createFileBackedBackend({
    directory,
    country: 'US',
    version: '0.0.0-test',
    secrets,
    createService: (options) => new DeskDialService(options),
    emit: (event, payload) => {
      if (event === 'registration') registrations.push(payload as RegistrationStatus)
      if (event === 'callProgress') calls.push(payload as CallProgress)
      waiters.notify()
    },
    stopTimeoutMs: 1_000,
    demoPort
  })
  backends.push(backend)
  await backend.start()
  return backend
}

/** Waits for an event the backend emitted: re-checked on every event. */
function until<T>(read: () => T | undefined, what: string): Promise<T> {
  return waiters.waitFor(read, 10_000, () => `Timed out waiting for ${what}`)
}

const registeredAt = (server: string) =>
  until(
    () => registrations.find((status) => status.state === 'registered' && status.server?.startsWith(server)),
    `registration at ${server}`
  )

/** The demo phone system's address as the window shows it; fails when it is not running. */
async function demoServer(backend: DeskAppBackend): Promise<string> {
  const view = await backend.getSettings()
  if (!view.demo) throw new Error('The demo phone system is not running.')
  return view.demo.server
}

function answers(server: string): Promise<boolean> {
  const { host, port } = hostAndPort(server)
  return tcpPortAnswers(host, port)
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-demo-mode-'))
  secrets = new MemorySecretStore('os-keychain')
  registrations = []
  calls = []
  backends = []
  waiters = new Waiters()
})

afterEach(async () => {
  for (const backend of backends) await backend.shutdown()
  await rm(directory, { recursive: true, force: true })
})

describe('the built-in demo phone system in the app', () => {
  it('starts on loopback from the first run, saves its account with a password, registers DeskDial and dials its numbers', async () => {
    const backend = await openDeskDial()
    expect((await backend.getSettings()).firstRun).toBe(true)

    const started = await backend.startDemo()
    if (!started.ok) throw new Error(started.error)
    const { view } = started
    expect(view).toMatchObject({
      firstRun: false,
      passwordSet: true,
      settings: { demo: true, account: { servers: [view.demo?.server], user: 'deskdial', line: '1001' } }
    })
    expect(view.demo).toMatchObject({
      server: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      deskPhone: '1001',
      answeringNumber: '1002'
    })
    expect(view.demo?.specialNumbers).toContainEqual({ number: '486', behaviour: 'is busy' })
    expect(await secrets.getPassword()).toMatch(/^.{12,}$/)
    expect(await answers(await demoServer(backend))).toBe(true)

    await registeredAt(await demoServer(backend))
    const dialled = await backend.dial({ target: '1002' })
    expect(dialled).toMatchObject({ ok: true })
    const callId = dialled.ok ? dialled.callId : ''
    await until(
      () => calls.find((call) => call.id === callId && call.state === 'connected'),
      'the call to 1002 connected'
    )

    // The special numbers are dialled as typed too, whatever the extension length of the dial plan.
    const busy = await backend.dial({ target: '486' })
    const busyId = busy.ok ? busy.callId : ''
    expect(
      await until(() => calls.find((call) => call.id === busyId && call.state === 'failed'), 'the call to 486 failed')
    ).toMatchObject({ code: 486, reason: expect.stringMatching(/busy/) })
  })

  it('starts again with the app, on a new port with a new password, and DeskDial registers to it', async () => {
    const first = await openDeskDial()
    await first.startDemo()
    const before = await demoServer(first)
    const passwordBefore = await secrets.getPassword()
    await first.shutdown()
    expect(await answers(before)).toBe(false)

    const second = await openDeskDial()
    const after = await demoServer(second)
    expect(await answers(after)).toBe(true)
    expect(await secrets.getPassword()).not.toBe(passwordBefore)
    expect((await second.getSettings()).settings).toMatchObject({ demo: true, account: { servers: [after] } })
    await registeredAt(after)
  })

  it('stops on shutdown', async () => {
    const backend = await openDeskDial()
    await backend.startDemo()
    const server = await demoServer(backend)
    await backend.shutdown()
    expect(await answers(server)).toBe(false)
  })

  it('"Use my own phone system" stops it and forgets its account and password, and it stays off after a restart', async () => {
    const backend = await openDeskDial()
    await backend.startDemo()
    const server = await demoServer(backend)
    await registeredAt(server)

    const left = await backend.leaveDemo()
    expect(left).toMatchObject({
      ok: true,
      view: { passwordSet: false, settings: { demo: false, account: { servers: [], user: '', line: '' } } }
    })
    expect(left.ok && left.view.demo).toBe(undefined)
    expect(await answers(server)).toBe(false)
    expect((await backend.getStatus()).registration).toMatchObject({
      state: 'unregistered',
      reason: 'Enter your phone system account in Settings to start dialling.'
    })

    await backend.shutdown()
    const restarted = await openDeskDial()
    expect((await restarted.getSettings()).demo).toBe(undefined)
    expect(restarted.settings.demo).toBe(false)
  })

  it('says in a sentence when its port cannot be bound, and changes nothing', async () => {
    const occupant = net.createServer()
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve))
    const { port } = occupant.address() as net.AddressInfo
    try {
      const backend = await openDeskDial(port)
      expect(await backend.startDemo()).toEqual({
        ok: false,
        error: `DeskDial could not start its built-in demo phone system: Port ${port} on 127.0.0.1 is in use. Try again in a moment, or set up your own phone system instead.`
      })
      expect(await backend.getSettings()).toMatchObject({
        firstRun: true,
        passwordSet: false,
        settings: { demo: false, account: { servers: [] } }
      })
      expect((await backend.getSettings()).demo).toBe(undefined)
    } finally {
      await new Promise((resolve) => occupant.close(resolve))
    }
  })

  it('is not started over an account the user has, and keeps its account while it runs', async () => {
    const backend = await openDeskDial()
    const settings = structuredClone(backend.settings)
    settings.account = { ...settings.account, servers: ['pbx.example.com'], user: '201', line: '200' }
    expect(await backend.saveSettings({ settings })).toMatchObject({ ok: true })
    expect(await backend.startDemo()).toEqual({
      ok: false,
      error: expect.stringMatching(/^DeskDial already has your phone system account/)
    })
    expect((await backend.getSettings()).demo).toBe(undefined)

    await backend.saveSettings({
      settings: { ...settings, account: { ...settings.account, servers: [], user: '', line: '' } }
    })
    const started = await backend.startDemo()
    if (!started.ok) throw new Error(started.error)
    const elsewhere = structuredClone(started.view.settings)
    elsewhere.account.servers = ['pbx.example.com']
    expect(await backend.saveSettings({ settings: elsewhere, password: 'pw' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^DeskDial is using its built-in demo phone system/)
    })
    expect(
      await backend.saveSettings({ settings: { ...started.view.settings, demo: false, notifications: false } })
    ).toMatchObject({ ok: true, view: { settings: { demo: true, notifications: false } } })
  })
})
