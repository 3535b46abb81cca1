import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import type { DeskDialServiceOptions, WatchedLinesApi } from '../../../src/main/service/deskdial-service-api'
import type { AppSettings } from '../../../src/shared/app-settings'
import type { DesktopNotice } from '../../../src/main/backend/call-notices'
import type { LineStatus } from '../../../src/shared/line-state'
import { ServiceDouble } from '../../support/service-double'

/** The service's lines as the phone system would move them: `watch` records the order, `change` is a NOTIFY. */
class FakeLines implements WatchedLinesApi {
  readonly watched: string[] = []
  readonly #states = new Map<string, LineStatus>()
  readonly #listeners = new Set<(status: LineStatus) => void>()

  watch(number: string): void {
    this.watched.push(number)
  }

  lineStatus(number: string): LineStatus | undefined {
    return this.#states.get(number)
  }

  onLine(listener: (status: LineStatus) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  change(status: LineStatus): void {
    this.#states.set(status.number, status)
    this.#listeners.forEach((listener) => listener(status))
  }
}

class WatchingService extends ServiceDouble {
  readonly lines = new FakeLines()
}

let directory: string
let services: WatchingService[]
let lineEvents: LineStatus[]
let notices: DesktopNotice[]
let opened: string[]
let backend: DeskAppBackend

function account(): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.account = { ...settings.account, servers: ['pbx.example.com'], user: '201', line: '200' }
  settings.dialPlan.outsideLinePrefix = '0'
  settings.dialPlan.internalExtensionLength = 3
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

const lastService = (): WatchingService => {
  const service = services.at(-1)
  if (!service) throw new Error('no service started')
  return service
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-lines-'))
  services = []
  lineEvents = []
  notices = []
  opened = []
  backend = createFileBackedBackend({
    directory,
    country: 'DE',
    version: '0.0.0-test',
    secrets: new MemorySecretStore('os-keychain'),
    createService: (options: DeskDialServiceOptions) => {
      const service = new WatchingService(options)
      services.push(service)
      return service
    },
    emit: (event, payload) => {
      if (event === 'lineState') lineEvents.push(payload as LineStatus)
    },
    notify: (notice) => notices.push(notice),
    openExternal: (url) => void opened.push(url),
    stopTimeoutMs: 100
  })
  await backend.start()
  expect(await backend.saveSettings({ settings: account(), password: 'pw' })).toMatchObject({ ok: true })
  await until(() => (services.at(-1)?.lines.watched.includes('200') ? true : undefined), 'the desk phone watched')
})

afterEach(async () => {
  await backend.shutdown()
  await rm(directory, { recursive: true, force: true })
})

describe('watching the desk phone and the lines the windows show', () => {
  it('watches the desk phone from the start and reports it in the status and as events, the other party named', async () => {
    const saved = await backend.saveContact({
      name: 'Anna Weber',
      department: 'Sales',
      numbers: [{ label: 'work', number: '210' }]
    })
    expect(saved).toMatchObject({ ok: true })
    lastService().lines.change({ number: '200', state: 'ringing', remote: '555', direction: 'incoming' })
    lastService().lines.change({
      number: '200',
      state: 'in-call',
      remote: '210',
      remoteName: 'x',
      direction: 'incoming'
    })
    await until(() => (lineEvents.length === 2 ? true : undefined), 'both desk phone events')
    const inCall = { number: '200', state: 'in-call', remote: '210', remoteName: 'Anna Weber', direction: 'incoming' }
    expect(lineEvents).toEqual([{ number: '200', state: 'ringing', remote: '555', direction: 'incoming' }, inCall])
    const status = await backend.getStatus()
    expect(status.deskPhone).toEqual(inCall)
    expect(status.lines).toEqual([])
  })

  it('watches shown numbers by their dial strings and answers in the spelling the window used', async () => {
    const lines = lastService().lines
    const external = await backend.previewDial('+49 201 5550123')
    if (!external.ok) throw new Error(external.error)
    expect(await backend.showLines(['210', '+49 201 5550123', 'not a number!'])).toEqual([])
    expect(lines.watched.slice(-3)).toEqual(['210', external.dialString, '200'])

    lines.change({ number: external.dialString, state: 'in-call' })
    lines.change({ number: '210', state: 'idle' })
    expect(lineEvents).toEqual([
      { number: '+49 201 5550123', state: 'in-call' },
      { number: '210', state: 'idle' }
    ])
    expect(await backend.showLines(['210'])).toEqual([{ number: '210', state: 'idle' }])
    expect((await backend.getStatus()).lines).toEqual(
      expect.arrayContaining([
        { number: '+49 201 5550123', state: 'in-call' },
        { number: '210', state: 'idle' }
      ])
    )
  })

  it('keeps at most 99 shown lines, the least recently shown dropped, and the desk phone always last', async () => {
    const numbers = Array.from({ length: 120 }, (_, index) => String(300 + index))
    await backend.showLines(numbers.slice(0, 60))
    await backend.showLines(numbers.slice(60))
    await backend.reconnect()
    const again = await until(
      () => (services.length === 2 && lastService().lines.watched.length > 1 ? lastService() : undefined),
      'the new service'
    )
    expect(again.lines.watched).toHaveLength(100)
    expect(again.lines.watched.at(-1)).toBe('200')
    expect(again.lines.watched).not.toContain('320')
    expect(again.lines.watched).toContain('321')
  })

  it('applies the watched set again to a new service after a reconnect, and hears only the new one', async () => {
    await backend.showLines(['210'])
    const first = lastService()
    await backend.reconnect()
    const second = await until(() => (services.length === 2 ? lastService() : undefined), 'the new service')
    await until(() => (second.lines.watched.length > 0 ? true : undefined), 'the watched set applied')
    expect(second.lines.watched).toEqual(['210', '200'])
    first.lines.change({ number: '210', state: 'in-call' })
    second.lines.change({ number: '210', state: 'ringing' })
    expect(lineEvents).toEqual([{ number: '210', state: 'ringing' }])
  })

  it('refuses a showLines that is not a list of numbers', async () => {
    const { checkCommandArguments } = await import('../../../src/main/backend/command-dispatcher')
    expect(checkCommandArguments('showLines', [['210']])).toMatchObject({ ok: true })
    expect(checkCommandArguments('showLines', ['210'])).toMatchObject({ ok: false })
    expect(checkCommandArguments('showLines', [Array.from({ length: 1001 }, () => '1')])).toMatchObject({ ok: false })
  })
})

describe('a call ringing on the desk phone', () => {
  async function withScreenPop(template: string) {
    const settings = account()
    settings.screenPopUrl = template
    return backend.saveSettings({ settings })
  }

  it('tells who calls (named from the contacts, with the department) and opens the screen pop once, the number URL-encoded', async () => {
    await backend.saveContact({
      name: 'Anna Weber',
      department: 'Sales',
      numbers: [{ label: 'mobile', number: '+49 201 5550123' }]
    })
    expect(await withScreenPop('https://crm.example.com/find?phone={e164}')).toMatchObject({ ok: true })
    const lines = lastService().lines
    const ringing = { number: '200', state: 'ringing', remote: '+492015550123', direction: 'incoming' } as const
    lines.change(ringing)
    lines.change(ringing)
    lines.change({ ...ringing, state: 'in-call' })
    await until(() => (lineEvents.length === 3 ? true : undefined), 'the desk phone events')
    expect(notices).toEqual([{ title: 'Anna Weber (Sales) is calling your desk phone', body: 'From +492015550123.' }])
    expect(opened).toEqual(['https://crm.example.com/find?phone=%2B492015550123'])
  })

  it('opens nothing for an outgoing call or without a template, and names an unknown caller by number', async () => {
    const lines = lastService().lines
    lines.change({ number: '200', state: 'dialing', remote: '555', direction: 'outgoing' })
    lines.change({ number: '200', state: 'ringing', remote: '556', direction: 'incoming' })
    await until(() => (lineEvents.length === 2 ? true : undefined), 'the desk phone events')
    expect(notices).toEqual([{ title: '556 is calling your desk phone', body: 'From 556.' }])
    expect(opened).toEqual([])
  })

  it('keeps the screen-pop URL to https: anything else is refused with a sentence and changes nothing', async () => {
    expect(await withScreenPop('http://crm.example.com/find?phone={e164}')).toEqual({
      ok: false,
      field: 'screenPopUrl',
      error: expect.stringContaining('must be a web address starting with https://')
    })
    expect(await withScreenPop('javascript:alert(1)')).toMatchObject({ ok: false, field: 'screenPopUrl' })
    expect((await backend.getSettings()).settings.screenPopUrl).toBe('')
  })
})
