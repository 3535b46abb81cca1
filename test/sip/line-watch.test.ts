import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { requireTool } from './support/require-tool'
import { describeSippResult, startSipp, type SippPeer } from './support/sipp'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')

function deskdial(
  args: string[],
  env: NodeJS.ProcessEnv = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 12_000 },
      (error, stdout, stderr) =>
        resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr })
    )
  })
}

/** `deskdial watch --json` on a SIPp phone system, for `seconds`. */
function watch(port: number, seconds: number, env: NodeJS.ProcessEnv = {}): ReturnType<typeof deskdial> {
  const server = `127.0.0.1:${port}`
  return deskdial(
    [
      'watch',
      '1001',
      '--server',
      server,
      '--user',
      'deskdial',
      '--no-register',
      '--duration',
      String(seconds),
      '--json'
    ],
    env
  )
}

function watchEvents(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.event !== 'registration')
}

describe.skipIf(!requireTool('sipp'))('deskdial watch against SIPp phone systems', () => {
  let peer: SippPeer | undefined

  afterEach(async () => {
    await peer?.stop()
    peer = undefined
  })

  it('falls back from Event: dialog (489) to presence, reads CME PIDF in CSeq order, and unsubscribes before exiting', async () => {
    peer = await startSipp({ scenario: 'cme-presence.xml', transport: 'udp', calls: 2, timeoutSeconds: 15 })
    const run = await watch(peer.port, 2)
    const sipp = await peer.exited
    expect(sipp.code, describeSippResult('cme-presence.xml', sipp)).toBe(0)
    expect(run.code, run.stderr).toBe(0)
    expect(watchEvents(run.stdout)).toEqual([
      { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
      { event: 'line', number: '1001', state: 'idle' },
      { event: 'line', number: '1001', state: 'in-call' },
      { event: 'line', number: '1001', state: 'unknown' },
      { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
    ])
    // The dialog SUBSCRIBE asks for dialog-info, the presence one for PIDF.
    expect(sipp.messageLog).toMatch(/Event: dialog\r?\nAccept: application\/dialog-info\+xml/)
    expect(sipp.messageLog).toMatch(/Event: presence\r?\nAccept: application\/pidf\+xml/)
  })

  it('renews a subscription the server lets expire, keeping the line, and answers 481 to a NOTIFY of the old one', async () => {
    peer = await startSipp({ scenario: 'dialog-expiry.xml', transport: 'udp', calls: 2, timeoutSeconds: 20 })
    const run = await watch(peer.port, 6)
    const sipp = await peer.exited
    expect(sipp.code, describeSippResult('dialog-expiry.xml', sipp)).toBe(0)
    expect(sipp.scenarioLog).toMatch(/expired; the late NOTIFY got 481/)
    expect(sipp.scenarioLog).toMatch(/unsubscribed/)
    expect(run.code, run.stderr).toBe(0)
    expect(watchEvents(run.stdout)).toEqual([
      { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
      { event: 'line', number: '1001', state: 'in-call', remote: '2001', direction: 'incoming' },
      {
        event: 'subscription',
        number: '1001',
        state: 'terminated',
        reason: 'The phone system ended the subscription (timeout).'
      },
      { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
      { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
    ])
  })

  it('answers a digest challenge and goes on in the subscription with the CSeq after the authenticated SUBSCRIBE', async () => {
    peer = await startSipp({
      scenario: 'subscribe-digest.xml',
      transport: 'udp',
      keys: { auth_user: 'deskdial', password: 's3cret' },
      timeoutSeconds: 15
    })
    const run = await watch(peer.port, 1.5, { DESKDIAL_PASSWORD: 's3cret' })
    const sipp = await peer.exited
    expect(sipp.code, describeSippResult('subscribe-digest.xml', sipp)).toBe(0)
    expect(run.code, run.stderr).toBe(0)
    expect(watchEvents(run.stdout)).toEqual([
      { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
      // A NOTIFY without a body (Kamailio's while a number has no call) is idle.
      { event: 'line', number: '1001', state: 'idle' },
      { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
    ])
  })

  it('asks for full state when a partial document shows a lost NOTIFY, and ignores a NOTIFY that arrives late', async () => {
    peer = await startSipp({ scenario: 'dialog-partial.xml', transport: 'udp', timeoutSeconds: 15 })
    const run = await watch(peer.port, 2)
    const sipp = await peer.exited
    expect(sipp.code, describeSippResult('dialog-partial.xml', sipp)).toBe(0)
    expect(run.code, run.stderr).toBe(0)
    expect(watchEvents(run.stdout)).toEqual([
      { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
      { event: 'line', number: '1001', state: 'in-call', remote: '2001', direction: 'outgoing' },
      { event: 'line', number: '1001', state: 'idle' },
      { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
    ])
  })

  it('exits when the phone system never answers the unsubscribe, after a bounded wait', async () => {
    // SIPp keeps the silence 8 s; unbounded, the CLI would wait for the transaction's 32 s timeout.
    peer = await startSipp({ scenario: 'unsubscribe-unanswered.xml', transport: 'udp', timeoutSeconds: 20 })
    const run = await watch(peer.port, 1)
    expect(run.code, run.stderr).toBe(0)
    expect(watchEvents(run.stdout).at(-1)).toEqual({
      event: 'subscription',
      number: '1001',
      state: 'terminated',
      reason: 'No longer watched.'
    })
    const sipp = await peer.exited
    expect(sipp.scenarioLog).toMatch(/unsubscribe received, not answered/)
  })

  it('says a line it may not watch is refused, and exits 1 when every line is refused', async () => {
    peer = await startSipp({ scenario: 'subscribe-403.xml', transport: 'udp', timeoutSeconds: 10 })
    const run = await watch(peer.port, 1)
    const sipp = await peer.exited
    expect(sipp.code, describeSippResult('subscribe-403.xml', sipp)).toBe(0)
    expect(run.code, run.stderr).toBe(1)
    expect(watchEvents(run.stdout)).toEqual([
      {
        event: 'subscription',
        number: '1001',
        state: 'refused',
        reason: 'The phone system does not let DeskDial watch 1001 (SIP 403).'
      },
      // The line was unknown from the start: no change to print.
      { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
    ])
  })
})
