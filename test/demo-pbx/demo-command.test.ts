/**
 * `deskdial demo` and `deskdial demo-pbx`, run from the built CLI (out/cli/deskdial.cjs, made by
 * `npm run build`) as a newcomer runs them.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SPECIAL_NUMBERS } from '../../src/demo-pbx'
import { freeLoopbackPort } from '../sip/support/sipp'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')

function deskdial(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH }, timeout: 45_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0
        resolve({ code, stdout, stderr })
      }
    )
  })
}

describe('the demo commands of the built CLI', () => {
  it('deskdial demo registers with the demo phone system, dials a virtual phone, prints the progress and exits 0 when connected', async () => {
    const run = await deskdial(['demo'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^Demo phone system on 127\.0\.0\.1:\d+: DeskDial registers as deskdial, rings the virtual desk phone 1001, then calls 1002\.$/
    )
    expect(lines).toContain('Registration: Registered (for 600 s at ' + /127\.0\.0\.1:\d+/.exec(lines[0])?.[0] + ')')
    expect(lines.filter((line) => line.startsWith('Call 1002: '))).toEqual([
      'Call 1002: Contacting the phone system...',
      'Call 1002: Ringing your desk phone — pick it up',
      'Call 1002: Calling 1002...',
      'Call 1002: Connected: talk on your desk phone'
    ])
  })

  it('deskdial demo --json prints one JSON object per line, ending connected', async () => {
    const run = await deskdial(['demo', '--json'])
    expect(run.code, run.stdout + run.stderr).toBe(0)
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(events[0]).toMatchObject({ event: 'demo', user: 'deskdial', line: '1001', number: '1002' })
    expect(events.filter((event) => event.event === 'call').map((event) => event.state)).toEqual([
      'requesting',
      'trying',
      'ringing',
      'connected'
    ])
  })

  it('deskdial demo-pbx --help lists every special number', async () => {
    const run = await deskdial(['demo-pbx', '--help'])
    expect(run.code).toBe(0)
    for (const special of SPECIAL_NUMBERS)
      expect(run.stdout).toContain(`${special.number.padEnd(6)}${special.behaviour} (SIP ${special.status})`)
  })

  it('deskdial demo-pbx refuses a --talk-time that is not a whole number of seconds, with a sentence and exit 2', async () => {
    for (const value of ['0', 'soon', '1.5']) {
      const run = await deskdial(['demo-pbx', '--port', '0', '--talk-time', value])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`--talk-time must be a whole number of seconds from 1, not "${value}".`)
    }
  })

  it('the README lists the same special numbers', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')
    // A table row, whatever padding the formatter gave its cells.
    const cell = (text: string | number) => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    for (const special of SPECIAL_NUMBERS) {
      expect(readme).toMatch(
        new RegExp(
          `^\\| *${cell(special.number)} *\\| *${cell(special.behaviour)} *\\| *${cell(special.status)} *\\|$`,
          'm'
        )
      )
    }
  })

  it('deskdial demo-pbx runs in the foreground, logs each SIP message, and stops on SIGTERM with exit 0', async () => {
    const port = await freeLoopbackPort('udp')
    const child = spawn(process.execPath, [CLI, 'demo-pbx', '--port', String(port), '--transport', 'udp'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const sawLine = (pattern: RegExp): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (pattern.test(stdout)) resolve()
        }
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString()
          check()
        })
        check()
      })
    try {
      await sawLine(/Demo phone system listening on UDP 127\.0\.0\.1:\d+/)
      const probe = await deskdial([
        'register',
        '--server',
        `127.0.0.1:${port}`,
        '--user',
        'deskdial',
        '--line',
        '1001'
      ])
      expect(probe.code, probe.stdout + probe.stderr).toBe(0)
      await sawLine(/in {2}UDP 127\.0\.0\.1:\d+ REGISTER sip:127\.0\.0\.1/)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(stdout).toContain('SIGTERM: stopping the demo phone system.')
    } finally {
      child.kill('SIGKILL')
    }
  })
})
