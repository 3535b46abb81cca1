/**
 * `npm run bench`: DeskDial's click-to-dial against baselines measured in the same run.
 *   (a) dial() until the REFER reaches a loopback listener, against a raw UDP send of the same bytes;
 *   (b) full dials to `connected` against SIPp playing the phone system, against SIPp's own UAC
 *       doing the same REFER/NOTIFY flow with the same peer, in several rounds (one round misleads
 *       on a shared machine);
 *   (c) the built CLI's cold start, process start to `registered` against a SIPp registrar, against
 *       a bare `node -e 0`;
 *   (d) the directory search per keystroke on 100,000 generated people, against uFuzzy and Fuse.js
 *       (bench/directory-bench.ts);
 *   (e) the app's main process with 100,000 contacts and a 100,000-person directory copy: how long
 *       the event loop is held while it loads, and searches through the backend per keystroke,
 *       against building the same index in one call (bench/app-scale-bench.ts);
 *   (f) `deskdial search` per query on a 3,000-person directory from many countries (slapd), against
 *       a plain server-side `ldapsearch` with the same filter (bench/search-cli-bench.ts).
 *   (g) the browser extension's phone-number detection on a labelled corpus, against plain
 *       libphonenumber-js `findNumbers` and a regular expression (bench/phone-detection-bench.ts).
 * Prints medians and ratios; docs/benchmarks.md records a run. `npm run bench -- d` (or `a c`, ...)
 * runs only the benchmarks named.
 */
import { spawn } from 'node:child_process'
import { createSocket, type Socket } from 'node:dgram'
import { once } from 'node:events'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { DeskDialService } from '../src/main/service/deskdial-service'
import type { AccountSettings } from '../src/shared/account-settings'
import { benchAppScale } from './app-scale-bench'
import { benchDirectory } from './directory-bench'
import { benchSearchCli } from './search-cli-bench'
import { benchPhoneDetection } from './phone-detection-bench'

const REFER_SAMPLES = 200
const CALLS = 100
const ROUNDS = 5
const COLD_STARTS = 11
const CLI = join(__dirname, '../out/cli/deskdial.cjs')
const SCENARIOS = join(__dirname, 'scenarios')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

function account(port: number, register = false): AccountSettings {
  return { servers: [`127.0.0.1:${port}`], transport: 'udp', user: 'deskdial', line: '1001', register, expires: 600 }
}

async function bind(): Promise<Socket> {
  const socket = createSocket('udp4')
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  return socket
}

/** Answers a REFER with 403 so the client's transaction ends at once. */
function forbid(listener: Socket, text: string, rinfo: { address: string; port: number }): void {
  const header = (name: string): string => new RegExp(`^${name}:.*$`, 'mi').exec(text)?.[0] ?? ''
  const response = [
    'SIP/2.0 403 Forbidden',
    header('Via'),
    header('From'),
    header('To') + ';tag=bench',
    header('Call-ID'),
    header('CSeq'),
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
  listener.send(response, rinfo.port, rinfo.address)
}

async function benchReferLatency(): Promise<{ dial: number[]; raw: number[] }> {
  const listener = await bind()
  const port = listener.address().port
  const arrivals = new Map<string, number>()
  let lastRaw = 0
  listener.on('message', (buffer, rinfo) => {
    const now = performance.now()
    const text = buffer.toString('utf8')
    const callId = /^Call-ID:\s*(\S+)/im.exec(text)?.[1] ?? ''
    if (text.startsWith('REFER ') && !arrivals.has(callId)) arrivals.set(callId, now)
    if (callId === 'raw-baseline') lastRaw = now
    else if (text.startsWith('REFER ')) forbid(listener, text, rinfo)
  })

  const service = new DeskDialService({ account: account(port) })
  await service.start()
  const dial: number[] = []
  for (let i = 0; i < REFER_SAMPLES; i += 1) {
    const started = performance.now()
    const progress = service.dial('1002')
    while (!arrivals.has(progress.id)) await new Promise((resolve) => setImmediate(resolve))
    dial.push(arrivals.get(progress.id)! - started)
  }
  await service.stop()

  const rawSocket = await bind()
  const sample = Buffer.from(
    'REFER sip:1001@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:1;branch=z9hG4bKraw\r\nCall-ID: raw-baseline\r\nCSeq: 1 REFER\r\nRefer-To: <sip:1002@127.0.0.1>\r\nContent-Length: 0\r\n\r\n'
  )
  const raw: number[] = []
  for (let i = 0; i < REFER_SAMPLES; i += 1) {
    lastRaw = 0
    const started = performance.now()
    rawSocket.send(sample, port, '127.0.0.1')
    while (lastRaw === 0) await new Promise((resolve) => setImmediate(resolve))
    raw.push(lastRaw - started)
  }
  rawSocket.close()
  listener.close()
  return { dial, raw }
}

function runSipp(args: string[]): { exited: Promise<number>; kill(): void } {
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  return {
    exited: new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('exit', (code) =>
        code === 0 ? resolve(0) : reject(new Error(`sipp ${args.join(' ')} exited ${code}: ${stderr}`))
      )
    }),
    kill: () => child.kill('SIGKILL')
  }
}

async function freePort(): Promise<number> {
  const socket = await bind()
  const port = socket.address().port
  socket.close()
  return port
}

/** SIPp as a UDP server on loopback running `scenario` for `calls` calls, giving up after a minute. */
function sippServer(scenario: string, port: number, calls: number) {
  return runSipp([
    '-sf',
    join(SCENARIOS, scenario),
    '-i',
    '127.0.0.1',
    '-p',
    String(port),
    '-t',
    'u1',
    '-m',
    String(calls),
    '-nostdin',
    '-timeout',
    '60s',
    '-timeout_error'
  ])
}

async function benchFullDialsRound(): Promise<{ deskdial: number; sipp: number }> {
  const port = await freePort()
  const peer = sippServer('phone-system-uas.xml', port, CALLS)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const service = new DeskDialService({ account: account(port) })
  await service.start()
  const started = performance.now()
  for (let i = 0; i < CALLS; i += 1) {
    const progress = service.dial('1002')
    await new Promise<void>((resolve, reject) => {
      const stop = service.onCallProgress((update) => {
        if (update.id !== progress.id) return
        if (update.state === 'connected') {
          stop()
          resolve()
        } else if (update.state === 'failed') {
          stop()
          reject(new Error(`call ${i} failed: ${update.reason}`))
        }
      })
    })
  }
  const deskdial = performance.now() - started
  await service.stop()
  await peer.exited

  const sippPort = await freePort()
  const sippPeer = sippServer('phone-system-uas.xml', sippPort, CALLS)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const sippStarted = performance.now()
  await runSipp([
    `127.0.0.1:${sippPort}`,
    '-sf',
    join(SCENARIOS, 'click-to-dial-uac.xml'),
    '-i',
    '127.0.0.1',
    '-p',
    String(await freePort()),
    '-t',
    'u1',
    '-m',
    String(CALLS),
    '-l',
    '1',
    '-r',
    '10000',
    '-nostdin',
    '-timeout',
    '60s',
    '-timeout_error'
  ]).exited
  const sipp = performance.now() - sippStarted
  await sippPeer.exited
  return { deskdial, sipp }
}

/** Milliseconds from spawning `node args` until its stdout matches `until`, or until it exits. */
function timeProcess(args: string[], until?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let reached: number | undefined
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      if (reached === undefined && until?.test(stdout)) reached = performance.now() - started
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (until === undefined) resolve(performance.now() - started)
      else if (reached !== undefined) resolve(reached)
      else reject(new Error(`node ${args.join(' ')} exited ${code} before printing ${until}: ${stdout}${stderr}`))
    })
  })
}

/**
 * Runs `node -e 0` and the CLI's `register` in turns, so that each pair sees the same load. The first
 * CLI run after a build compiles the bundle and writes the code cache (src/cli/code-cache.ts): it is
 * reported apart, as what a user's first run costs.
 */
async function benchColdStart(): Promise<{ first: number; bare: number[]; cli: number[] }> {
  const port = await freePort()
  const registrar = sippServer('registrar.xml', port, COLD_STARTS + 1)
  await new Promise((resolve) => setTimeout(resolve, 300))
  const register = (): Promise<number> =>
    timeProcess(
      [CLI, 'register', '--server', `127.0.0.1:${port}`, '--user', 'deskdial', '--line', '1001', '--json'],
      /"state":"registered"/
    )
  const first = await register()
  const bare: number[] = []
  const cli: number[] = []
  for (let i = 0; i < COLD_STARTS; i += 1) {
    bare.push(await timeProcess(['-e', '0']))
    cli.push(await register())
  }
  await registrar.exited
  return { first, bare, cli }
}

const fmt = (ms: number): string => `${ms.toFixed(3)} ms`

async function main(selected: string[]): Promise<void> {
  const chosen = (letter: string): boolean => selected.length === 0 || selected.includes(letter)
  if (chosen('a')) await printReferLatency()
  if (chosen('b')) await printFullDials()
  if (chosen('c')) await printColdStart()
  if (chosen('d')) await benchDirectory()
  if (chosen('e')) await benchAppScale()
  if (chosen('f')) await benchSearchCli()
  if (chosen('g')) benchPhoneDetection()
}

async function printReferLatency(): Promise<void> {
  const refer = await benchReferLatency()
  console.log(`(a) dial() -> REFER on the wire, ${REFER_SAMPLES} samples`)
  console.log(`    deskdial  median ${fmt(median(refer.dial))}  p95 ${fmt(percentile(refer.dial, 0.95))}`)
  console.log(`    raw send  median ${fmt(median(refer.raw))}  p95 ${fmt(percentile(refer.raw, 0.95))}`)
  console.log(`    ratio (median) ${(median(refer.dial) / median(refer.raw)).toFixed(2)}x`)
}

async function printFullDials(): Promise<void> {
  console.log(
    `(b) ${CALLS} sequential dials to connected (REFER, 202, NOTIFY 100/180/200) against SIPp, ${ROUNDS} rounds`
  )
  const ratios: number[] = []
  for (let round = 1; round <= ROUNDS; round += 1) {
    const full = await benchFullDialsRound()
    ratios.push(full.deskdial / full.sipp)
    console.log(
      `    round ${round}: deskdial ${fmt(full.deskdial / CALLS)} per call, sipp uac ${fmt(full.sipp / CALLS)} per call (incl. process start), ratio ${(full.deskdial / full.sipp).toFixed(2)}x`
    )
  }
  console.log(`    ratio (median of ${ROUNDS}) ${median(ratios).toFixed(2)}x`)
}

async function printColdStart(): Promise<void> {
  const cold = await benchColdStart()
  const fmtRuns = (runs: number[]): string => runs.map((ms) => ms.toFixed(0)).join(' ')
  console.log(
    `(c) CLI cold start: process start to registered (out/cli/deskdial.cjs register) against SIPp, ${COLD_STARTS} runs`
  )
  console.log(
    `    deskdial  median ${fmt(median(cold.cli))}  runs ${fmtRuns(cold.cli)}  (first run after the build, writing the code cache: ${fmt(cold.first)})`
  )
  console.log(`    node -e 0 median ${fmt(median(cold.bare))}  runs ${fmtRuns(cold.bare)}`)
  console.log(
    `    added (median of the ${COLD_STARTS} paired differences) ${fmt(median(cold.cli.map((ms, i) => ms - cold.bare[i])))}`
  )
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.message)
    process.exit(1)
  }
)
