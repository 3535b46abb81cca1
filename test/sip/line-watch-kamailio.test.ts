import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startBaresip, type BaresipPhone } from '../demo-pbx/support/baresip'
import { startKamailio, type KamailioServer } from './support/kamailio'
import { requireTool } from './support/require-tool'
import { Waiters } from './support/waiters'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')
/** Kamailio grants subscriptions this long: the watch must refresh them to keep seeing the lines. */
const MAX_EXPIRES = 6

type WatchEvent = Record<string, unknown>

interface RunningWatch {
  events: WatchEvent[]
  /** Resolves with the first event from index `from` on that has every field of `fields`. */
  next(fields: WatchEvent, from: number, timeoutMs?: number): Promise<number>
  exited: Promise<{ code: number | null; stderr: string }>
  child: ChildProcess
}

function watch(args: string[]): RunningWatch {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  const child = spawn(process.execPath, [CLI, 'watch', ...args], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const events: WatchEvent[] = []
  const waiters = new Waiters()
  let pending = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines.filter(Boolean)) events.push(JSON.parse(line) as WatchEvent)
    waiters.notify()
  })
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr }))
  )
  const matches = (event: WatchEvent, fields: WatchEvent): boolean =>
    Object.entries(fields).every(([key, value]) => event[key] === value)
  return {
    events,
    child,
    exited,
    next: (fields, from, timeoutMs = 5_000) =>
      waiters.waitFor(
        () => {
          const index = events.findIndex((event, i) => i >= from && matches(event, fields))
          return index < 0 ? undefined : index
        },
        timeoutMs,
        () =>
          `deskdial watch printed no ${JSON.stringify(fields)} within ${timeoutMs} ms. It printed:\n${events.map((e) => JSON.stringify(e)).join('\n')}\n${stderr}`
      )
  }
}

describe.skipIf(!requireTool('kamailio') || !requireTool('baresip'))('deskdial watch against Kamailio', () => {
  const cleanups: Array<() => Promise<void>> = []

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function phone(number: string, pbxPort: number, answerMode: 'auto' | 'manual'): Promise<BaresipPhone> {
    const started = await startBaresip({ number, pbxPort, transport: 'udp', answerMode })
    cleanups.push(() => started.stop())
    // baresip may register before its control connection is up: its output says so either way.
    const deadline = Date.now() + 10_000
    while (!/200 OK .*\[1 binding\]/.test(started.output())) {
      if (Date.now() > deadline) throw new Error(`baresip ${number} did not register:\n${started.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return started
  }

  it('sees ringing with the caller, in a call and idle on both phones, across refreshes the server demands', async () => {
    const kamailio: KamailioServer = await startKamailio({ maxExpires: MAX_EXPIRES })
    cleanups.push(() => kamailio.stop())
    const caller = await phone('1001', kamailio.port, 'auto')
    const callee = await phone('1002', kamailio.port, 'manual')
    const server = `127.0.0.1:${kamailio.port}`
    const running = watch([
      '1001',
      '1002',
      '--server',
      server,
      '--user',
      'deskdial',
      '--no-register',
      '--json',
      '--duration',
      '40'
    ])
    cleanups.push(async () => {
      running.child.kill('SIGKILL')
      await running.exited
    })
    const failure = () => `\nKamailio:\n${kamailio.output().slice(-6_000)}`
    try {
      await running.next({ event: 'subscription', number: '1001', state: 'active' }, 0)
      await running.next({ event: 'subscription', number: '1002', state: 'active' }, 0)
      // Kamailio's first NOTIFY has no body while a number has no call: idle.
      await running.next({ event: 'line', number: '1001', state: 'idle' }, 0)
      await running.next({ event: 'line', number: '1002', state: 'idle' }, 0)

      // Past Kamailio's maximum expiry: only refreshed subscriptions still report.
      await new Promise((resolve) => setTimeout(resolve, (MAX_EXPIRES + 3) * 1_000))
      const callStart = running.events.length
      caller.command('dial', `sip:1002@127.0.0.1:${kamailio.port}`)
      await callee.waitForEvent('CALL_INCOMING', 10_000)
      await running.next(
        { event: 'line', number: '1002', state: 'ringing', remote: '1001', direction: 'incoming' },
        callStart
      )
      await running.next(
        { event: 'line', number: '1001', state: 'dialing', remote: '1002', direction: 'outgoing' },
        callStart
      )

      callee.command('accept')
      await callee.waitForEvent('CALL_ESTABLISHED', 10_000)
      await running.next({ event: 'line', number: '1002', state: 'in-call', remote: '1001' }, callStart)
      await running.next({ event: 'line', number: '1001', state: 'in-call', remote: '1002' }, callStart)

      const hangup = running.events.length
      caller.command('hangup')
      await caller.waitForEvent('CALL_CLOSED', 10_000)
      await running.next({ event: 'line', number: '1001', state: 'idle' }, hangup)
      await running.next({ event: 'line', number: '1002', state: 'idle' }, hangup)
    } catch (error) {
      throw new Error(`${(error as Error).message}${failure()}`)
    }
    // Nothing ended the subscriptions before the watch stopped.
    expect(running.events.filter((event) => event.event === 'subscription' && event.state !== 'active')).toEqual([])

    running.child.kill('SIGINT')
    const { code, stderr } = await running.exited
    expect(code, stderr).toBe(0)
    expect(running.events.slice(-2)).toEqual(
      expect.arrayContaining([
        { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' },
        { event: 'subscription', number: '1002', state: 'terminated', reason: 'No longer watched.' }
      ])
    )
  }, 60_000)
})
