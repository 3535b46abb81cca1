/**
 * The built CLI (out/cli/deskdial.cjs, made by `npm run build`) watching the demo phone system's
 * phones as a newcomer would: `deskdial watch 1001 1002 --json` against `deskdial demo-pbx` sees
 * the virtual phones of a click-to-dial call ring, talk and hang up, and the desk phone's incoming
 * call from the virtual colleague 1003 after dialling the "call me" number.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { freeLoopbackPort } from '../sip/support/sipp'
import { Waiters } from '../sip/support/waiters'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')
const PASSWORD = 'demo-secret'

interface Running {
  child: ChildProcess
  lines: string[]
  waitFor(match: (line: string) => boolean, timeoutMs: number): Promise<string>
}

function run(args: string[]): Running {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, DESKDIAL_PASSWORD: PASSWORD },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const lines: string[] = []
  const waiters = new Waiters()
  let rest = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split('\n')
    rest = parts.pop() ?? ''
    lines.push(...parts)
    waiters.notify()
  })
  return {
    child,
    lines,
    waitFor: (match, timeoutMs) =>
      waiters.waitFor(
        () => lines.find(match),
        timeoutMs,
        () => `No matching line within ${timeoutMs} ms from deskdial ${args[0]}:\n${lines.join('\n')}`
      )
  }
}

function dial(number: string, port: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [
        CLI,
        'dial',
        number,
        '--server',
        `127.0.0.1:${port}`,
        '--transport',
        'udp',
        '--user',
        'deskdial',
        '--line',
        '1001'
      ],
      { env: { PATH: process.env.PATH, DESKDIAL_PASSWORD: PASSWORD }, timeout: 30_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr })
    )
  })
}

interface LineEvent {
  event: string
  number: string
  state: string
  remote?: string
  direction?: string
}

function lineEvents(lines: string[], number: string): LineEvent[] {
  return lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LineEvent)
    .filter((event) => event.event === 'line' && event.number === number)
}

const compact = (events: LineEvent[]): string[] =>
  events.map((event) => [event.state, event.remote, event.direction].filter(Boolean).join(' '))

describe('deskdial watch against deskdial demo-pbx', () => {
  it('sees 1002 ring, talk and hang up during a click-to-dial call, and the desk phone called by 1003 after dialling 1099', async () => {
    const port = await freeLoopbackPort('udp')
    const pbx = run([
      'demo-pbx',
      '--port',
      String(port),
      '--transport',
      'udp',
      '--user',
      'deskdial',
      '--password',
      PASSWORD,
      '--talk-time',
      '2'
    ])
    let watch: Running | undefined
    try {
      await pbx.waitFor((line) => line.startsWith('Demo phone system listening'), 10_000)
      watch = run([
        'watch',
        '1001',
        '1002',
        '--server',
        `127.0.0.1:${port}`,
        '--transport',
        'udp',
        '--user',
        'deskdial',
        '--json',
        '--duration',
        '25'
      ])
      const watching = watch
      for (const number of ['1001', '1002'])
        await watching.waitFor((line) => line.includes(`"event":"line","number":"${number}","state":"idle"`), 10_000)

      const called = await dial('1002', port)
      expect(called.code, called.output).toBe(0)
      await watching.waitFor(() => lineEvents(watching.lines, '1002').length >= 4, 10_000)
      expect(compact(lineEvents(watching.lines, '1002'))).toEqual([
        'idle',
        'ringing 1001 incoming',
        'in-call 1001 incoming',
        'idle'
      ])
      await watching.waitFor(() => lineEvents(watching.lines, '1001').length >= 4, 10_000)
      expect(compact(lineEvents(watching.lines, '1001'))).toEqual([
        'idle',
        'ringing 1002 incoming',
        'in-call 1002 incoming',
        'idle'
      ])

      const callMe = await dial('1099', port)
      expect(callMe.code, callMe.output).toBe(0)
      await watching.waitFor(() => lineEvents(watching.lines, '1001').length >= 7, 15_000)
      expect(compact(lineEvents(watching.lines, '1001')).slice(4)).toEqual([
        'ringing 1003 incoming',
        'in-call 1003 incoming',
        'idle'
      ])
      expect(lineEvents(watching.lines, '1002')).toHaveLength(4)
    } finally {
      watch?.child.kill('SIGKILL')
      pbx.child.kill('SIGKILL')
    }
  }, 60_000)
})
