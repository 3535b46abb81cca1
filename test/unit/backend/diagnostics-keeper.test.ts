import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dispatchCommand } from '../../../src/main/backend/command-dispatcher'
import { commandsForWindow, type DeskAppBackend } from '../../../src/main/backend/desk-app-backend'
import { DiagnosticsKeeper } from '../../../src/main/backend/diagnostics-keeper'
import { createFileBackedBackend } from '../../../src/main/backend/file-backed-backend'
import { defaultAppSettings } from '../../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../../src/main/settings/password-store'
import type { DeskDialServiceOptions } from '../../../src/main/service/deskdial-service-api'
import type { AppSettings } from '../../../src/shared/app-settings'
import { callLadderSchema } from '../../../src/shared/call-ladder'
import type { CallProgress } from '../../../src/shared/call-progress'
import type { SipTraceEntry } from '../../../src/shared/sip-trace'
import { ServiceDouble } from '../../support/service-double'

const PASSWORD = 'Correct-Horse-7'
const DIGEST_RESPONSE = '6629fae49393a05397450978507c4ef1'
const NONCE = 'ea9c8e88df84f1cec4341ae6cbe5a359'
const PEER = '192.0.2.10:5060'

/** A SIP message as the transports report it: CRLF line ends, a blank line after the headers. */
function sip(...lines: string[]): string {
  return [...lines, 'Content-Length: 0', '', ''].join('\r\n')
}

/** The ServiceDouble, telling its SIP messages as the real service does: a challenged REGISTER, and per dial a REFER, its 202 and the NOTIFYs. */
class TracingService extends ServiceDouble {
  #trace(direction: SipTraceEntry['direction'], text: string): void {
    this.options.onTrace?.({ at: Date.now(), direction, transport: 'UDP', peer: PEER, text })
  }

  override async start(): Promise<void> {
    const authorization = `Authorization: Digest username="201", realm="pbx", nonce="${NONCE}", uri="sip:pbx.example.com", response="${DIGEST_RESPONSE}", algorithm=MD5`
    this.#trace(
      'sent',
      sip(
        'REGISTER sip:pbx.example.com SIP/2.0',
        'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKreg1',
        'Call-ID: reg-1',
        'CSeq: 2 REGISTER',
        authorization
      )
    )
    this.#trace(
      'received',
      sip('SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKreg1', 'Call-ID: reg-1', 'CSeq: 2 REGISTER')
    )
    await super.start()
  }

  override dial(dialString: string): CallProgress {
    const first = super.dial(dialString)
    const refer = sip(
      'REFER sip:200@pbx.example.com SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKrefer',
      `Call-ID: ${first.id}`,
      'CSeq: 1 REFER',
      `Refer-To: <sip:${dialString}@pbx.example.com>`
    )
    this.#trace('sent', refer)
    this.#trace('sent', refer)
    this.#trace(
      'received',
      sip(
        'SIP/2.0 202 Accepted',
        'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bKrefer',
        `Call-ID: ${first.id}`,
        'CSeq: 1 REFER'
      )
    )
    this.#trace(
      'received',
      sip(
        'NOTIFY sip:201@127.0.0.2:5060 SIP/2.0',
        'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKn1',
        `Call-ID: ${first.id}`,
        'CSeq: 1 NOTIFY',
        'Event: refer'
      )
    )
    this.#trace(
      'sent',
      sip(
        'SIP/2.0 200 OK',
        'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKn1',
        `Call-ID: ${first.id}`,
        'CSeq: 1 NOTIFY'
      )
    )
    return first
  }
}

function account(server = 'pbx.example.com'): AppSettings {
  const settings = defaultAppSettings('DE')
  settings.account = { ...settings.account, servers: [server], user: '201', line: '200' }
  return settings
}

describe('the diagnostics keeper on its own', () => {
  const at = Date.UTC(2025, 4, 6, 8, 0, 0)
  const keeper = () =>
    new DiagnosticsKeeper({
      version: '1.2.3',
      account: () => account().account,
      now: () => at,
      capacity: 3,
      historyLength: 2
    })

  it('keeps only the last messages and the last history lines', () => {
    const diagnostics = keeper()
    for (let n = 1; n <= 5; n += 1) {
      diagnostics.trace({
        at: at + n,
        direction: 'sent',
        transport: 'UDP',
        peer: PEER,
        text: sip(
          `OPTIONS sip:${n}@pbx SIP/2.0`,
          `Via: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK${n}`,
          'Call-ID: c',
          `CSeq: ${n} OPTIONS`
        )
      })
      diagnostics.noteRegistration({
        state: 'retrying',
        server: PEER,
        code: 503,
        reason: `Attempt ${n} failed.`,
        at: at + n
      })
      diagnostics.noteServerSwitch({ from: `a${n}:5060`, to: `b${n}:5060`, reason: 'failover', at: at + n })
    }
    expect(diagnostics.callLadder('c').messages.map((message) => message.seq)).toEqual([3, 4, 5])
    const report = diagnostics.report()
    expect(report).not.toContain('Attempt 3 failed')
    expect(report).toContain(
      `Registration history\n  ${new Date(at + 4).toISOString()} retrying (at ${PEER}, SIP 503): Attempt 4 failed.\n  ${new Date(at + 5).toISOString()} retrying`
    )
    expect(report).toContain(
      `Failover history\n  ${new Date(at + 4).toISOString()} moved from a4:5060 to b4:5060: the server in use stopped answering\n  ${new Date(at + 5).toISOString()} moved from a5:5060`
    )
    expect(report).not.toContain('a3:5060')
  })

  it('words a move back to the first server and marks what a connection test did', () => {
    const diagnostics = keeper()
    diagnostics.noteServerSwitch({ from: 'b:5060', to: 'a:5060', reason: 'fallback', at }, 'connection test')
    diagnostics.noteRegistration(
      { state: 'registered', server: 'a:5060', reason: 'Registered.', at },
      'connection test'
    )
    const report = diagnostics.report()
    expect(report).toContain(
      `${new Date(at).toISOString()} connection test: moved from b:5060 to a:5060: the first server answers again`
    )
    expect(report).toContain(`${new Date(at).toISOString()} connection test: registered (at a:5060): Registered.`)
  })
})

describe('the diagnostics of the running app', () => {
  let directory: string
  let services: TracingService[]
  let backend: DeskAppBackend

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'deskdial-diagnostics-'))
    services = []
    backend = createFileBackedBackend({
      directory,
      country: 'DE',
      version: '4.5.6',
      secrets: new MemorySecretStore('os-keychain'),
      createService: (options: DeskDialServiceOptions) => {
        const service = new TracingService(options)
        services.push(service)
        return service
      },
      emit: () => undefined,
      connectionTestTimeoutMs: 1000,
      stopTimeoutMs: 100
    })
    await backend.start()
  })

  afterEach(async () => {
    await backend.shutdown()
    await rm(directory, { recursive: true, force: true })
  })

  /** Registers and dials; returns the call's id. */
  async function registeredCall(): Promise<string> {
    expect(await backend.saveSettings({ settings: account(), password: PASSWORD })).toMatchObject({ ok: true })
    await expect.poll(async () => (await backend.getStatus()).registration.state).toBe('registered')
    const dialled = await backend.dial({ target: '+49 201 5550123' })
    if (!dialled.ok) throw new Error(dialled.error)
    return dialled.callId
  }

  it("gives the ladder of a call: its messages in order, the retransmission marked, in the contract's shape", async () => {
    const callId = await registeredCall()
    const ladder = callLadderSchema.parse(await backend.callLadder(callId))
    expect(ladder.capacity).toBe(5000)
    expect(
      ladder.messages.map(({ direction, firstLine, retransmission }) => [direction, firstLine, retransmission])
    ).toEqual([
      ['sent', 'REFER sip:200@pbx.example.com SIP/2.0', false],
      ['sent', 'REFER sip:200@pbx.example.com SIP/2.0', true],
      ['received', 'SIP/2.0 202 Accepted', false],
      ['received', 'NOTIFY sip:201@127.0.0.2:5060 SIP/2.0', false],
      ['sent', 'SIP/2.0 200 OK', false]
    ])
    expect(ladder.messages[0]).toMatchObject({
      transport: 'UDP',
      peer: PEER,
      text: expect.stringMatching(/Refer-To: <sip:\S*2015550123@pbx.example.com>/)
    })
    expect(await backend.callLadder('no-such-call')).toEqual({ callId: 'no-such-call', messages: [], capacity: 5000 })
  })

  it('keeps one log for the life of the app: a new service after a settings change and the connection test feed it too', async () => {
    const callId = await registeredCall()
    expect(await backend.saveSettings({ settings: account('pbx2.example.com') })).toMatchObject({ ok: false })
    expect(await backend.saveSettings({ settings: account('pbx2.example.com'), password: PASSWORD })).toMatchObject({
      ok: true
    })
    await expect.poll(() => services.length).toBe(2)
    expect(await backend.testConnection({ settings: account('pbx3.example.com'), password: PASSWORD })).toMatchObject({
      ok: true
    })
    expect(services).toHaveLength(3)
    const report = await backend.diagnosticsReport()
    expect(report.match(/^REGISTER sip:pbx.example.com SIP\/2.0$/gm)).toHaveLength(3)
    expect(report).toContain('REFER sip:200@pbx.example.com SIP/2.0')
    expect(report).toContain(`connection test: registered (at pbx3.example.com): Registered with pbx3.example.com.`)
    expect((await backend.callLadder(callId)).messages).toHaveLength(5)

    services[1].options.onServerSwitch?.({
      from: 'pbx2.example.com:5060',
      to: 'pbx9.example.com:5060',
      reason: 'failover',
      at: Date.now()
    })
    expect(await backend.diagnosticsReport()).toMatch(
      /Failover history\n {2}\S+ moved from pbx2.example.com:5060 to pbx9.example.com:5060: the server in use stopped answering\n/
    )
  })

  it("reports one call for the phone administrator: version, account, histories and the call's messages, without password or digest", async () => {
    const callId = await registeredCall()
    const commands = commandsForWindow(backend, () => undefined)
    const report = (await dispatchCommand(commands, 'diagnosticsReport', [callId])) as string
    expect(report).toMatch(/^DeskDial diagnostics\nVersion: 4\.5\.6\n/)
    expect(report).toContain('Account\n  User: 201\n')
    expect(report).toContain('  Servers: pbx.example.com\n')
    expect(report).toMatch(
      /Registration history\n(?: {2}\S+ .*\n)* {2}\S+ registered \(at pbx.example.com\): Registered with pbx.example.com.\n/
    )
    expect(report).toContain('Failover history\n  (none)\n')
    expect(report).toContain(`SIP messages of the call with Call-ID ${callId}, oldest first (5;`)
    expect(report.indexOf('REFER sip:200')).toBeLessThan(report.indexOf('SIP/2.0 202 Accepted'))
    expect(report).toContain('[retransmission]')
    expect(report).not.toContain('REGISTER sip:')

    const everything = (await dispatchCommand(commands, 'diagnosticsReport', [])) as string
    expect(everything).toContain('Authorization: Digest username="201", realm="pbx", nonce="redacted"')
    for (const text of [report, everything, JSON.stringify(await backend.callLadder(callId))]) {
      expect(text).not.toContain(PASSWORD)
      expect(text).not.toContain(DIGEST_RESPONSE)
      expect(text).not.toContain(NONCE)
    }
  })

  it('refuses a call id that is not text, with a sentence', async () => {
    const commands = commandsForWindow(backend, () => undefined)
    await expect(dispatchCommand(commands, 'callLadder', [42])).rejects.toThrow(
      /^DeskDial's callLadder cannot use argument 1: .*Reload the window and try again\.$/
    )
    await expect(dispatchCommand(commands, 'diagnosticsReport', ['a', 'b'])).rejects.toThrow(
      /^DeskDial's diagnosticsReport cannot use/
    )
  })
})
