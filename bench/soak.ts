/**
 * `npm run soak -- --dials N`: N click-to-dial calls to `connected` through one registered
 * DeskDial service against the built-in demo phone system (in a child process), to show that
 * memory and handles stay flat. Prints the process's RSS, heap and active handles before, after
 * half the dials and after all of them (each once the last dials' transactions have ended, after a
 * forced GC), the success count and p50/p95 dial time; exits 1 when any dial failed or the run did
 * not finish within --minutes. Not part of `npm test`; docs/benchmarks.md records a run.
 *
 * Why the middle: a burst of dials leaves 32 s of transactions (and their messages) behind, so the
 * heap grows and shrinks again, and the allocator keeps the pages it got. RSS after the first half
 * shows that high-water mark; a leak shows as growth from the middle to the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { DeskDialService } from '../src/main/service/deskdial-service'
import { isFinalCallState, type CallProgress } from '../src/shared/call-progress'
import type { RegistrationStatus } from '../src/shared/registration-status'

/** Dials warmed up before the first measurement, so that loading and compiling code is not counted as growth. */
const WARM_UP_DIALS = 200
/** RFC 3261 64*T1 and a margin: by then every transaction of the last dials has ended. */
const TRANSACTIONS_END_MS = 64 * 500 + 2_000

interface Footprint {
  rssMb: number
  heapUsedMb: number
  heapTotalMb: number
  externalMb: number
  handles: number
}

interface Options {
  dials: number
  concurrency: number
  minutes: number
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      dials: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '4' },
      minutes: { type: 'string', default: '15' }
    }
  })
  const number = (name: string, value: string, min: number): number => {
    const parsed = Number(value)
    if (!Number.isInteger(parsed) || parsed < min)
      throw new Error(`--${name} must be a whole number of at least ${min}, not "${value}".`)
    return parsed
  }
  return {
    dials: number('dials', values.dials, 1),
    concurrency: number('concurrency', values.concurrency, 1),
    minutes: number('minutes', values.minutes, 1)
  }
}

function footprint(): Footprint {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('Run the soak with node --expose-gc (npm run soak does).')
  gc()
  gc()
  const memory = process.memoryUsage()
  const mb = (bytes: number): number => bytes / 2 ** 20
  return {
    rssMb: mb(memory.rss),
    heapUsedMb: mb(memory.heapUsed),
    heapTotalMb: mb(memory.heapTotal),
    externalMb: mb(memory.external),
    handles: process.getActiveResourcesInfo().length
  }
}

function describeFootprint(label: string, value: Footprint): string {
  const figures = [
    `RSS ${value.rssMb.toFixed(1)} MB`,
    `heap used ${value.heapUsedMb.toFixed(1)} MB`,
    `heap total ${value.heapTotalMb.toFixed(1)} MB`,
    `external ${value.externalMb.toFixed(1)} MB`,
    `active handles ${value.handles}`
  ]
  return `${label.padEnd(22)} ${figures.join('  ')}`
}

function describeGrowth(label: string, from: Footprint, to: Footprint): string {
  const mb = (key: keyof Footprint): string => `${(to[key] - from[key]).toFixed(1)} MB`
  return `${label.padEnd(22)} RSS ${mb('rssMb')}  heap used ${mb('heapUsedMb')}  heap total ${mb('heapTotalMb')}  external ${mb('externalMb')}  active handles ${to.handles - from.handles}`
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

async function startPhoneSystem(): Promise<{ child: ChildProcess; port: number; user: string; password: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'soak-phone-system.ts')], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const [first] = (await Promise.race([once(lines, 'line'), once(child, 'exit').then(() => [''])])) as string[]
  if (!first) throw new Error('The demo phone system exited before it listened.')
  return { child, ...(JSON.parse(first) as { port: number; user: string; password: string }) }
}

async function stopPhoneSystem(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = once(child, 'exit')
  child.stdin?.end()
  const stopped = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)])
  if (!stopped && child.pid !== undefined) {
    process.kill(child.pid, 'SIGKILL')
    await exited
  }
}

function waitForRegistration(service: DeskDialService): Promise<RegistrationStatus> {
  return new Promise((resolve) => {
    const check = (status: RegistrationStatus): void => {
      if (status.state === 'registered' || status.state === 'failed') {
        unsubscribe()
        resolve(status)
      }
    }
    const unsubscribe = service.onRegistration(check)
    check(service.registration)
  })
}

/** Dials `count` calls, `concurrency` at a time, each to `connected` or `failed`; returns each dial's time in ms, or its failure. */
async function dialMany(
  service: DeskDialService,
  count: number,
  concurrency: number,
  deadline: number
): Promise<{ times: number[]; failures: string[] }> {
  const finals = new Map<string, (progress: CallProgress) => void>()
  const unsubscribe = service.onCallProgress((progress) => {
    if (isFinalCallState(progress.state)) finals.get(progress.id)?.(progress)
  })
  const times: number[] = []
  const failures: string[] = []
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count && Date.now() < deadline) {
      next += 1
      const started = performance.now()
      let final: CallProgress
      try {
        const first = service.dial('1002')
        final = await new Promise<CallProgress>((resolve) => finals.set(first.id, resolve))
        finals.delete(first.id)
      } catch (error) {
        failures.push((error as Error).message)
        continue
      }
      if (final.state === 'connected') times.push(performance.now() - started)
      else failures.push(`${final.state} (SIP ${final.code ?? '-'}): ${final.reason}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()))
  unsubscribe()
  return { times, failures }
}

async function main(): Promise<number> {
  const options = readOptions()
  const deadline = Date.now() + options.minutes * 60_000
  const pbx = await startPhoneSystem()
  const service = new DeskDialService({
    account: {
      servers: [`127.0.0.1:${pbx.port}`],
      transport: 'udp',
      user: pbx.user,
      domain: '127.0.0.1',
      line: '1001',
      register: true,
      expires: 600
    },
    password: pbx.password
  })
  try {
    await service.start()
    const registration = await waitForRegistration(service)
    if (registration.state !== 'registered')
      throw new Error(`DeskDial did not register with the demo phone system: ${registration.reason}`)
    const warmUp = await dialMany(service, WARM_UP_DIALS, options.concurrency, deadline)
    if (warmUp.failures.length > 0) throw new Error(`Warm-up dials failed: ${warmUp.failures.slice(0, 3).join('; ')}`)
    await sleep(TRANSACTIONS_END_MS)
    const before = footprint()
    console.log(
      `Soak: ${options.dials} dials to connected, ${options.concurrency} at a time, against the demo phone system (UDP, digest on REGISTER and REFER), after ${WARM_UP_DIALS} warm-up dials`
    )
    console.log(describeFootprint('before', before))

    const started = performance.now()
    const half = Math.ceil(options.dials / 2)
    const first = await dialMany(service, half, options.concurrency, deadline)
    const seconds = (performance.now() - started) / 1000
    await sleep(TRANSACTIONS_END_MS)
    const middle = footprint()
    console.log(describeFootprint(`after ${half} dials`, middle))
    const restStarted = performance.now()
    const rest = await dialMany(service, options.dials - half, options.concurrency, deadline)
    const restSeconds = (performance.now() - restStarted) / 1000
    await sleep(TRANSACTIONS_END_MS)
    const after = footprint()
    console.log(describeFootprint(`after ${options.dials} dials`, after))
    console.log(describeGrowth('growth, whole run', before, after))
    console.log(describeGrowth('growth, second half', middle, after))
    const times = [...first.times, ...rest.times]
    const failures = [...first.failures, ...rest.failures]
    console.log(
      `dials connected ${times.length} of ${options.dials} in ${(seconds + restSeconds).toFixed(1)} s of dialling; failed ${failures.length}`
    )
    if (times.length > 0)
      console.log(
        `dial time (dial() to connected) p50 ${percentile(times, 0.5).toFixed(1)} ms  p95 ${percentile(times, 0.95).toFixed(1)} ms`
      )
    for (const failure of failures.slice(0, 5)) console.log(`  failed: ${failure}`)
    if (times.length < options.dials && failures.length === 0)
      console.log(
        `Stopped after ${options.minutes} min (--minutes) with ${options.dials - times.length} dials not made.`
      )
    return times.length === options.dials ? 0 : 1
  } finally {
    await service.stop()
    await stopPhoneSystem(pbx.child)
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    console.error(`The soak could not run: ${error.message}`)
    process.exitCode = 1
  }
)
