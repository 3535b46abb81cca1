/**
 * The browser connection end to end without a browser: `deskdial browser-host` (the built CLI, as
 * the browser starts it) relays native messaging frames to the real backend's relay socket, and a
 * click becomes a REFER to the built-in demo phone system, shown with the site it came from.
 * Bad frames get an error answer and end the host; nothing hangs.
 */
import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserRelay } from '../../src/main/backend/browser-dials'
import type { DeskAppBackend } from '../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../src/main/backend/file-backed-backend'
import { frame } from '../../src/main/browser-host/native-frames'
import type { BrowserRelay } from '../../src/main/browser-relay/relay-server'
import { browserRelayAddress } from '../../src/main/browser-relay/relay-address'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import type { BrowserAnswer } from '../../src/shared/browser-messages'
import type { PendingLink } from '../../src/shared/ipc-contract'

const CLI = resolve(__dirname, '../../out/cli/deskdial.cjs')
const HOST_TIMEOUT_MS = 25_000

let directory: string
let backend: DeskAppBackend
let relay: BrowserRelay | undefined
const pending: PendingLink[] = []

/** Runs the host like the browser does: `input` on stdin, then its answer frames and exit code. */
function runHost(input: Buffer, dataDirectory = directory): Promise<{ answers: BrowserAnswer[]; code: number | null }> {
  return new Promise((done, fail) => {
    const host = spawn(process.execPath, [CLI, 'browser-host', 'chrome-extension://test/'], {
      env: { ...process.env, DESKDIAL_USER_DATA: dataDirectory },
      stdio: ['pipe', 'pipe', 'inherit']
    })
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      process.kill(host.pid!, 'SIGKILL')
      fail(new Error('The host did not end within its time.'))
    }, HOST_TIMEOUT_MS)
    host.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    host.on('close', (code) => {
      clearTimeout(timer)
      const out = Buffer.concat(chunks)
      const answers: BrowserAnswer[] = []
      for (let at = 0; at + 4 <= out.length;) {
        const length = out.readUInt32LE(at)
        answers.push(JSON.parse(out.subarray(at + 4, at + 4 + length).toString('utf8')) as BrowserAnswer)
        at += 4 + length
      }
      done({ answers, code })
    })
    host.stdin.end(input)
  })
}

function lengthHeader(length: number): Buffer {
  const header = Buffer.alloc(4)
  header.writeUInt32LE(length)
  return header
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first.`)
  directory = await mkdtemp(join(tmpdir(), 'deskdial-browser-'))
  backend = createFileBackedBackend({
    directory,
    country: 'US',
    version: '0.0.0-test',
    createService: (options) => new DeskDialService(options),
    emit: (event, payload) => {
      if (event === 'pendingLink') pending.push(payload as PendingLink)
    },
    stopTimeoutMs: 200
  })
  await backend.start()
  const demo = await backend.startDemo()
  if (!demo.ok) throw new Error(demo.error)
  relay = await startBrowserRelay(directory, backend, () => undefined)
}, 30_000)

afterAll(async () => {
  await relay?.stop()
  await backend?.shutdown()
  await rm(directory, { recursive: true, force: true })
})

describe('deskdial browser-host with the running app', () => {
  it('listens on a socket in the data folder that only the user may open', () => {
    expect(statSync(browserRelayAddress(directory)).mode & 0o777).toBe(0o600)
  })

  it('answers a status request with the registration and the country', async () => {
    const { answers, code } = await runHost(frame({ type: 'status' }))
    expect(code).toBe(0)
    expect(answers).toEqual([expect.objectContaining({ ok: true, type: 'status', country: 'US' })])
    expect(answers[0]).toMatchObject({ registration: { state: 'registered' } })
  })

  it('dials a clicked number at once: a REFER reaches the phone system, the call card names the site', async () => {
    const { answers, code } = await runHost(
      frame({ type: 'dial', number: '(201) 555-0123', origin: 'https://crm.example.com' })
    )
    expect(code).toBe(0)
    expect(answers).toEqual([expect.objectContaining({ ok: true, type: 'dial', outcome: 'dialled' })])
    let call
    for (let tries = 0; tries < 200; tries++) {
      call = (await backend.getStatus()).calls.find((each) => each.target === '+12015550123')
      if (call && call.state !== 'requesting') break
      await new Promise((wait) => setTimeout(wait, 25))
    }
    // Only the phone system's answer to the REFER moves a call on from "requesting".
    expect(call).toMatchObject({ from: 'crm.example.com' })
    expect(call?.state).not.toBe('requesting')
    const status = await runHost(frame({ type: 'status' }))
    expect(status.answers[0]).toMatchObject({ lastCall: { target: '+12015550123', from: 'crm.example.com' } })
  })

  it('asks before calling an emergency number, even when clicked', async () => {
    const { answers } = await runHost(frame({ type: 'dial', number: '911', origin: 'https://crm.example.com' }))
    expect(answers[0]).toMatchObject({ ok: true, type: 'dial', outcome: 'asked' })
    expect(pending.at(-1)).toMatchObject({ askedBecause: 'it is an emergency or service number' })
    await backend.rejectLink(pending.at(-1)!.id)
  })

  it('answers a well-formed frame that is not a DeskDial message with a sentence, and goes on', async () => {
    const { answers, code } = await runHost(Buffer.concat([frame({ type: 'format-disk' }), frame({ type: 'status' })]))
    expect(code).toBe(0)
    expect(answers[0]).toMatchObject({ ok: false, problem: 'bad-message' })
    expect(answers[1]).toMatchObject({ ok: true, type: 'status' })
  })

  it.each([
    ['invalid JSON', Buffer.concat([lengthHeader(5), Buffer.from('{bad}')])],
    ['an empty frame', lengthHeader(0)],
    ['a frame over 1 MiB', Buffer.concat([lengthHeader(1024 * 1024 + 1), Buffer.alloc(64, 32)])],
    ['a length longer than the input', Buffer.concat([lengthHeader(100), Buffer.from('{"type":"status"}')])]
  ])('answers %s with an error and ends', async (_name, input) => {
    const { answers, code } = await runHost(Buffer.concat([input, frame({ type: 'status' })]))
    expect(code).toBe(1)
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({ ok: false, problem: 'bad-message' })
  })

  it('says DeskDial is not running when nobody listens', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'deskdial-no-app-'))
    try {
      const { answers, code } = await runHost(frame({ type: 'status' }), empty)
      expect(code).toBe(0)
      expect(answers[0]).toMatchObject({ ok: false, problem: 'app-not-running' })
    } finally {
      await rm(empty, { recursive: true, force: true })
    }
  })
})
