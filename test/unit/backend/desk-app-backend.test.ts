import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commandsForWindow, type DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import type { DesktopNotice } from '../../../src/main/backend/call-notices'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import type { DeskDialServiceOptions } from '../../../src/main/service/deskdial-service-api'
import type { AppSettings } from '../../../src/shared/app-settings'
import type { CallRecord } from '../../../src/shared/call-record'
import type { DeskDialEventName, DeskDialEvents } from '../../../src/shared/ipc-contract'
import { ServiceDouble } from '../../support/service-double'

type Event = { [E in DeskDialEventName]: { event: E; payload: DeskDialEvents[E] } }[DeskDialEventName]

let directory: string
let events: Event[]
let notices: DesktopNotice[]
let services: ServiceDouble[]
let secrets: MemorySecretStore
let clipboard: string
let hidden: number
let backend: DeskAppBackend
let historyAtEnd: Promise<CallRecord[]> | undefined

function open(): DeskAppBackend {
  return createFileBackedBackend({
    directory,
    country: 'DE',
    version: '0.0.0-test',
    secrets,
    createService: (options: DeskDialServiceOptions) => {
      const service = new ServiceDouble(options)
      services.push(service)
      return service
    },
    emit: (event, payload) => {
      const emitted = { event, payload } as Event
      events.push(emitted)
      // What a renderer reloading the history on a call's end would see.
      if (
        emitted.event === 'callProgress' &&
        (emitted.payload.state === 'connected' || emitted.payload.state === 'failed')
      )
        historyAtEnd = backend.listHistory()
    },
    notify: (notice) => notices.push(notice),
    readClipboardText: async () => clipboard,
    connectionTestTimeoutMs: 1000,
    stopTimeoutMs: 100
  })
}

function account(server = 'pbx.example.com'): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.account = { ...settings.account, servers: [server], user: '201', line: '200' }
  settings.dialPlan.outsideLinePrefix = '0'
  return settings
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    const value = read()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

const registered = () => events.find((e) => e.event === 'registration' && e.payload.state === 'registered')

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-backend-'))
  events = []
  notices = []
  services = []
  secrets = new MemorySecretStore('os-keychain')
  clipboard = ''
  hidden = 0
  historyAtEnd = undefined
  backend = open()
  await backend.start()
})

afterEach(async () => {
  await backend.shutdown()
  await rm(directory, { recursive: true, force: true })
})

describe('first run and settings', () => {
  it('starts unconfigured: first run, defaults, no service, a sentence saying what to do', async () => {
    expect(services).toEqual([])
    const view = await backend.getSettings()
    expect(view).toEqual({
      settings: defaultAppSettings('DE'),
      passwordSet: false,
      directoryPasswordSet: false,
      secretStorage: 'os-keychain',
      firstRun: true,
      policy: { sources: [], locked: [], defaults: [], problems: [] }
    })
    await until(() => events.find((e) => e.event === 'registration'), 'the registration status')
    expect((await backend.getStatus()).registration).toMatchObject({
      state: 'unregistered',
      reason: 'Enter your phone system account in Settings to start dialling.'
    })
    expect(await backend.dial({ target: '0201 5550123' })).toEqual({
      ok: false,
      error: 'DeskDial is not set up yet: enter your phone system account in Settings.'
    })
  })

  it('tells in the window that a damaged contacts or history file was set aside', async () => {
    await backend.shutdown()
    await writeFile(join(directory, 'contacts.json'), '{"version":1,"contacts":[{"id":"1","name":"Ann"')
    await writeFile(join(directory, 'history.json'), JSON.stringify({ version: 1, calls: [{ id: 'x' }] }))
    backend = open()
    await backend.start()
    const { notice } = await backend.getSettings()
    expect(notice).toMatch(
      /The contacts file could not be read; DeskDial kept it as contacts\.corrupt-.*\.json and started afresh\./
    )
    expect(notice).toMatch(/Skipped 1 unreadable call record\(s\) in .*history\.json\./)
  })

  it('asks for the password again when the server or the user changes, in the test and in saving', async () => {
    expect(await backend.saveSettings({ settings: account(), password: 'pw' })).toMatchObject({ ok: true })
    const elsewhere = account('pbx.attacker.example')
    expect(await backend.testConnection({ settings: elsewhere })).toEqual({
      ok: false,
      field: 'password',
      error: expect.stringMatching(/^Type the password again/)
    })
    expect(await backend.saveSettings({ settings: elsewhere })).toMatchObject({
      ok: false,
      field: 'password',
      error: expect.stringMatching(/^Type the password again/)
    })
    const otherUser = account()
    otherUser.account.user = '999'
    expect(await backend.saveSettings({ settings: otherUser })).toMatchObject({ ok: false, field: 'password' })
    expect(services.filter((service) => service.server === 'pbx.attacker.example')).toEqual([])
    // The same account keeps the stored password; a new password for the new server is taken.
    expect(await backend.saveSettings({ settings: { ...account(), notifications: false } })).toMatchObject({ ok: true })
    expect(await backend.saveSettings({ settings: elsewhere, password: 'other-pw' })).toMatchObject({ ok: true })
  })

  it('saves settings and the password apart, starts the service and reports registration', async () => {
    const result = await backend.saveSettings({ settings: account(), password: 'pw' })
    expect(result).toMatchObject({ ok: true, view: { passwordSet: true, firstRun: false } })
    await until(registered, 'registration')
    expect(services).toHaveLength(1)
    expect(services[0]?.options).toMatchObject({ account: account().account, password: 'pw' })
    expect(events.find((e) => e.event === 'settingsChanged')).toBeDefined()
    expect(await readFile(join(directory, 'settings.json'), 'utf8')).not.toContain('pw"')
  })

  it('refuses invalid settings with the sentence and field, changing nothing', async () => {
    const settings = account()
    settings.account.servers = ['pbx example.com']
    const result = await backend.saveSettings({ settings })
    expect(result).toMatchObject({ ok: false, field: 'account.servers' })
    expect(!result.ok && result.error).toMatch(/is not a server address/)
    expect(await readdir(directory)).toEqual([])
    expect(services).toEqual([])
  })

  it('restarts the service when the password changes but not for other settings', async () => {
    await backend.saveSettings({ settings: account(), password: 'pw' })
    await until(registered, 'registration')
    const quieter = { ...account(), notifications: false }
    await backend.saveSettings({ settings: quieter })
    expect(services).toHaveLength(1)
    await backend.saveSettings({ settings: quieter, password: 'new' })
    await until(() => (services.length === 2 ? true : undefined), 'a second service')
    expect(services[0]?.stopped).toBe(true)
    expect(services[1]?.options.password).toBe('new')
    await backend.saveSettings({ settings: quieter, password: '' })
    expect((await backend.getSettings()).passwordSet).toBe(false)
  })

  it('keeps settings across a restart of the app', async () => {
    await backend.saveSettings({ settings: account() })
    await backend.shutdown()
    backend = open()
    await backend.start()
    expect(await backend.getSettings()).toMatchObject({ settings: account(), firstRun: false })
  })

  it('retries when the phone system cannot be reached at start', async () => {
    // Only the timers are faked: the reconnect timer (the default delay, 30 s) fires when the test moves time on.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      await backend.saveSettings({ settings: account('unreachable.test') })
      await vi.advanceTimersByTimeAsync(0)
      const failed = events.find((e) => e.event === 'registration' && e.payload.state === 'failed')
      expect(failed?.payload).toMatchObject({
        reason: 'Could not connect to unreachable.test: the connection was refused.'
      })
      expect(services).toHaveLength(1)
      await vi.advanceTimersByTimeAsync(30_000)
      expect(services).toHaveLength(2)
      expect(services[1]?.options.account.servers).toEqual(['unreachable.test'])
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('dialling', () => {
  beforeEach(async () => {
    await backend.saveSettings({ settings: account() })
    await until(registered, 'registration')
  })

  it('previews with the dial plan and the matching contact', async () => {
    const saved = await backend.saveContact({
      name: 'Jürgen Müller',
      numbers: [{ label: 'work', number: '+49 201 5550123' }]
    })
    const preview = await backend.previewDial('0201 555 0123')
    expect(preview).toEqual({
      ok: true,
      target: '0201 555 0123',
      dialString: '002015550123',
      display: 'Calling 0 0201 5550123',
      contact: { id: saved.ok ? saved.contact.id : '', name: 'Jürgen Müller', label: 'work' }
    })
    expect(await backend.previewDial('hello')).toMatchObject({ ok: false, target: 'hello' })
  })

  it('dials, forwards each state once, notifies, and has the call in the history when its end is announced', async () => {
    await backend.saveContact({ name: 'Jürgen Müller', numbers: [{ label: 'work', number: '+49 201 5550123' }] })
    const result = await backend.dial({ target: '0201 5550123' })
    expect(result).toMatchObject({ ok: true, dialString: '002015550123' })
    await until(() => historyAtEnd, 'the end of the call')
    const [record] = (await historyAtEnd) ?? []
    const callId = result.ok ? result.callId : ''
    const states = events
      .filter((e) => e.event === 'callProgress')
      .map((e) => (e.event === 'callProgress' ? e.payload.state : ''))
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expect(record).toMatchObject({
      id: callId,
      target: '0201 5550123',
      dialString: '002015550123',
      contactName: 'Jürgen Müller',
      state: 'connected',
      code: 200
    })
    expect(notices).toEqual([
      { title: 'Calling Jürgen Müller (0201 5550123)', body: 'Pick up your desk phone: it will then call the number.' }
    ])
    expect((await backend.getStatus()).calls.map((call) => call.state)).toEqual(['connected'])
    await backend.dismissCall(callId)
    expect((await backend.getStatus()).calls).toEqual([])
  })

  it('records a busy number with its code and sentence, and it survives a restart', async () => {
    await backend.dial({ target: '+49 30 12345486' })
    const busy = await until(
      () => events.find((e) => e.event === 'callProgress' && e.payload.state === 'failed'),
      'the failure'
    )
    expect(busy.payload).toMatchObject({ code: 486, reason: 'The number is busy.' })
    expect(notices.at(-1)).toEqual({ title: 'Call to +49 30 12345486 failed', body: 'The number is busy.' })
    await backend.shutdown()
    backend = open()
    await backend.start()
    expect(await backend.listHistory()).toMatchObject([
      { target: '+49 30 12345486', state: 'failed', code: 486, reason: 'The number is busy.' }
    ])
  })

  it('returns the sentence when the number cannot be dialled', async () => {
    const result = await backend.dial({ target: '0201 55' })
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/\.$/)
    expect(events.some((e) => e.event === 'callProgress')).toBe(false)
  })
})

describe('links from other applications', () => {
  beforeEach(async () => {
    await backend.saveSettings({ settings: account() })
    await until(registered, 'registration')
  })

  it('queues a tel: link for confirmation, then dials it once confirmed', async () => {
    const outcome = await backend.handleLink('tel:+49-201-555-0123')
    expect(outcome.kind).toBe('pending')
    if (outcome.kind !== 'pending') return
    expect(outcome.link).toMatchObject({
      scheme: 'tel',
      raw: 'tel:+49-201-555-0123',
      preview: { ok: true, dialString: '002015550123' }
    })
    expect(events.filter((e) => e.event === 'pendingLink').map((e) => e.payload)).toEqual([outcome.link])
    expect((await backend.getStatus()).pendingLinks).toEqual([outcome.link])
    expect(events.some((e) => e.event === 'callProgress')).toBe(false)
    expect(await backend.confirmLink(outcome.link.id)).toMatchObject({ ok: true, dialString: '002015550123' })
    expect((await backend.getStatus()).pendingLinks).toEqual([])
    expect(await backend.confirmLink(outcome.link.id)).toEqual({
      ok: false,
      error: 'This link was already answered. Open it again to call the number.'
    })
  })

  it('forgets a rejected link without dialling', async () => {
    const outcome = await backend.handleLink('callto:+442079460000')
    if (outcome.kind !== 'pending') throw new Error(`expected a pending link, got ${outcome.kind}`)
    await backend.rejectLink(outcome.link.id)
    expect((await backend.getStatus()).pendingLinks).toEqual([])
    expect(events.some((e) => e.event === 'callProgress')).toBe(false)
  })

  it.each([
    'javascript:alert(1)',
    'tel:+49201%0D%0AVia:evil',
    'sip:alice@evil.example',
    'tel:' + '1'.repeat(300),
    'tel:',
    'tel:*21*0900123456%23',
    'callto:%2A67',
    'tel:1234#'
  ])('refuses %s with a notice and changes nothing', async (raw) => {
    const outcome = await backend.handleLink(raw)
    expect(outcome.kind).toBe('refused')
    expect(notices).toHaveLength(1)
    expect(notices[0]?.title).toBe('Link not dialled')
    expect(notices[0]?.body).toMatch(/\.$/)
    expect(events.filter((e) => e.event === 'pendingLink' || e.event === 'callProgress')).toEqual([])
    expect((await backend.getStatus()).pendingLinks).toEqual([])
  })

  it('dials a link directly when the user trusts links', async () => {
    await backend.saveSettings({ settings: { ...account(), trustLinksWithoutConfirmation: true } })
    const outcome = await backend.handleLink('tel:+492015550123')
    expect(outcome).toMatchObject({ kind: 'dialled', result: { ok: true, dialString: '002015550123' } })
    expect(events.some((e) => e.event === 'pendingLink')).toBe(false)
  })
})

describe('test connection', () => {
  it('registers a temporary service and reports success in words, leaving the app alone', async () => {
    events = []
    const result = await backend.testConnection({ settings: account(), password: 'pw' })
    expect(result).toMatchObject({
      ok: true,
      status: { state: 'registered', reason: 'Registered with pbx.example.com.' }
    })
    expect(services).toHaveLength(1)
    expect(services[0]?.stopped).toBe(true)
    expect(events.filter((e) => e.event === 'registration')).toEqual([])
    expect(await readdir(directory)).toEqual([])
  })

  it('reports a refused password with the phone system sentence', async () => {
    expect(await backend.testConnection({ settings: account(), password: 'wrong' })).toMatchObject({
      ok: false,
      error: 'The phone system refused the user name or password (403).'
    })
  })

  it('reports an unreachable server and a silent one within the bound', async () => {
    expect(await backend.testConnection({ settings: account('unreachable.test') })).toMatchObject({
      ok: false,
      error: 'Could not connect to unreachable.test: the connection was refused.'
    })
    expect(await backend.testConnection({ settings: account('silent.test') })).toMatchObject({
      ok: false,
      error: 'The phone system did not answer within 1 second. Check the server address, the port and the transport.'
    })
    expect(services.every((service) => service.stopped || !service.started)).toBe(true)
  })
})

describe('window helpers', () => {
  it('offers a phone number from the clipboard and nothing else', async () => {
    clipboard = 'Call +49 (0)201 555-0123'
    expect(await backend.clipboardNumber()).toBeUndefined()
    clipboard = ' +49 (0)201 555-0123 '
    expect(await backend.clipboardNumber()).toBe('+492015550123')
    const commands = commandsForWindow(backend, () => void hidden++)
    await commands.hideWindow()
    expect(hidden).toBe(1)
  })
})
