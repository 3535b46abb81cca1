import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { requireTool } from './support/require-tool'
import { describeSippResult, startSipp, type SippPeer } from './support/sipp'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')

function deskdial(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH }, timeout: 20_000 },
      (error, stdout, stderr) =>
        resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr })
    )
  })
}

describe.skipIf(!requireTool('sipp'))(
  'deskdial watch against a phone system that speaks only presence (Cisco CME)',
  () => {
    let peer: SippPeer | undefined

    afterEach(async () => {
      await peer?.stop()
      peer = undefined
    })

    it('falls back from Event: dialog (489) to presence, reads CME PIDF, and unsubscribes before exiting', async () => {
      peer = await startSipp({ scenario: 'cme-presence.xml', transport: 'udp', calls: 2, timeoutSeconds: 15 })
      const run = await deskdial([
        'watch',
        '1001',
        '--server',
        `127.0.0.1:${peer.port}`,
        '--user',
        'deskdial',
        '--no-register',
        '--duration',
        '2',
        '--json'
      ])
      const sipp = await peer.exited
      expect(sipp.code, describeSippResult('cme-presence.xml', sipp)).toBe(0)
      expect(run.code, run.stderr).toBe(0)
      const events = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((event) => event.event !== 'registration')
      expect(events).toEqual([
        { event: 'subscription', number: '1001', state: 'active', reason: 'Watching.' },
        { event: 'line', number: '1001', state: 'idle' },
        { event: 'line', number: '1001', state: 'in-call' },
        { event: 'line', number: '1001', state: 'unknown' },
        { event: 'subscription', number: '1001', state: 'terminated', reason: 'No longer watched.' }
      ])
      // The presence SUBSCRIBE asks for PIDF (the dialog one for dialog-info).
      expect(sipp.messageLog).toMatch(/Event: dialog\r?\nAccept: application\/dialog-info\+xml/)
      expect(sipp.messageLog).toMatch(/Event: presence\r?\nAccept: application\/pidf\+xml/)
    })
  }
)
