import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { requireTool } from './support/require-tool'
import { describeSippResult, freeLoopbackPort, startSipp, type SippPeer } from './support/sipp'

const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')
const PHONE_SYSTEM = path.resolve(__dirname, '../../bench/scenarios/phone-system-uas.xml')

interface CliRun {
  code: number
  stdout: string
  stderr: string
}

function deskdial(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0
      resolve({ code, stdout, stderr })
    })
  })
}

function events(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe.skipIf(!requireTool('sipp'))('the deskdial command line', () => {
  let peer: SippPeer | undefined
  let scratch: string | undefined

  afterEach(async () => {
    await peer?.stop()
    peer = undefined
    if (scratch) await rm(scratch, { recursive: true, force: true })
    scratch = undefined
  })

  it('dials through the phone system and exits 0 once connected, one JSON object per line', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'udp', timeoutSeconds: 20 })
    const run = await deskdial(['dial', '1002', '--server', `127.0.0.1:${peer.port}`, '--user', 'deskdial', '--line', '1001', '--no-register', '--json'])
    expect(run.code, run.stderr).toBe(0)
    const calls = events(run.stdout).filter((event) => event.event === 'call')
    expect(calls.map((call) => call.state)).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expect(new Set(calls.map((call) => call.id)).size).toBe(1)
    const result = await peer.exited
    expect(result.code, describeSippResult('phone-system-uas', result)).toBe(0)
  })

  it('registers with digest credentials, reports it, unregisters and exits 0', async () => {
    const keys = { auth_user: 'deskdial-auth', password: 'cli-secret', granted: '900' }
    peer = await startSipp({ scenario: 'register-digest.xml', transport: 'udp', keys, timeoutSeconds: 20 })
    const run = await deskdial(
      ['register', '--server', `127.0.0.1:${peer.port}`, '--user', 'deskdial', '--auth-user', 'deskdial-auth', '--line', '1001', '--json'],
      { DESKDIAL_PASSWORD: 'cli-secret' }
    )
    expect(run.code, run.stderr).toBe(0)
    const states = events(run.stdout).map((event) => `${event.state}${event.expiresSeconds ? ` ${event.expiresSeconds}` : ''}`)
    expect(states).toEqual(['registering', 'registered 900', 'unregistered'])
    const result = await peer.exited
    expect(result.code, describeSippResult('register-digest', result)).toBe(0)
  })

  it('exits 1 when the phone system refuses the password', async () => {
    peer = await startSipp({ scenario: 'register-wrong-password.xml', transport: 'udp', timeoutSeconds: 20 })
    const run = await deskdial(['register', '--server', `127.0.0.1:${peer.port}`, '--user', 'deskdial', '--line', '1001', '--password', 'wrong'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Registration: Wrong user name or password')
  })

  it('reads the account from --config and prints sentences for people without --json', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'udp', timeoutSeconds: 20 })
    scratch = await mkdtemp(path.join(tmpdir(), 'deskdial-cli-'))
    const config = path.join(scratch, 'settings.json')
    // The app's own settings file, as the README suggests passing it.
    const account = { servers: [`127.0.0.1:${peer.port}`], transport: 'udp', user: 'deskdial', line: '1001', register: false, expires: 600 }
    await writeFile(config, JSON.stringify({ version: 2, setupDone: true, settings: { account } }))
    const run = await deskdial(['dial', '1002', '--config', config])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('Call 1002: Ringing your desk phone — pick it up')
    expect(run.stdout).toContain('Call 1002: Connected: talk on your desk phone')
  })

  it('explains a settings file it cannot use', async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'deskdial-cli-'))
    const config = path.join(scratch, 'settings.json')
    await writeFile(config, '{ "account": ')
    const broken = await deskdial(['dial', '1002', '--config', config])
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain(`Could not read the settings file ${config}`)
    await writeFile(config, JSON.stringify({ settings: { account: { servers: 'pbx' } } }))
    const wrongType = await deskdial(['dial', '1002', '--config', config])
    expect(wrongType.code).toBe(2)
    expect(wrongType.stderr).toContain('"servers"')
  })

  it.each([
    [['dial'], /exactly one number/],
    [['dial', '1002', '--user', 'deskdial', '--line', '1001'], /address of your phone system/],
    [['dial', '1002', '--server', '127.0.0.1', '--user', 'deskdial'], /number of your desk phone/],
    [['dial', '1002', '--server', '127.0.0.1', '--user', 'deskdial', '--line', '1001', '--transport', 'sctp'], /udp, tcp or tls/],
    [['frobnicate'], /Unknown command/],
    [['dial', '1002', '--bogus'], /bogus/]
  ])('exits 2 with a message for bad usage: %j', async (args, message) => {
    const run = await deskdial(args)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
  })

  it('refuses a target that could inject SIP and sends nothing', async () => {
    const silent = await listenUdpCounting()
    try {
      const run = await deskdial(['dial', '1002>;x=y', '--server', `127.0.0.1:${silent.port}`, '--user', 'deskdial', '--line', '1001', '--no-register', '--json'])
      expect(run.code).toBe(2)
      expect(events(run.stdout).find((event) => event.event === 'error')?.message).toMatch(/cannot be dialled/)
      expect(silent.received()).toBe(0)
    } finally {
      silent.close()
    }
  })

  it('exits 3 when the phone system cannot be reached', async () => {
    const port = await freeLoopbackPort('tcp')
    const run = await deskdial(['dial', '1002', '--server', `127.0.0.1:${port}`, '--transport', 'tcp', '--user', 'deskdial', '--line', '1001', '--no-register'])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/127\.0\.0\.1/)
  })

  it('exits 3 at once, not after 32 s of retransmissions, when nothing listens on the UDP port', async () => {
    const port = await freeLoopbackPort('udp')
    const run = await deskdial(['dial', '1002', '--server', `127.0.0.1:${port}`, '--user', 'deskdial', '--line', '1001', '--no-register', '--json'])
    expect(run.code).toBe(3)
    const final = events(run.stdout).filter((event) => event.event === 'call').at(-1)
    // 503 from the ICMP error, not the 408 that Timer F would give after 32 s.
    expect(final).toMatchObject({ state: 'failed', code: 503, reason: 'The phone system did not answer (check the server address and network; a Cisco CME silently drops requests from a PC that is not registered and not in its "ip address trusted list")' })
  })

  it('takes the password from DESKDIAL_PASSWORD and never prints it', async () => {
    const port = await freeLoopbackPort('tcp')
    const run = await deskdial(['register', '--server', `127.0.0.1:${port}`, '--transport', 'tcp', '--user', 'deskdial', '--line', '1001', '--verbose'], {
      DESKDIAL_PASSWORD: 'hunter2-secret'
    })
    expect(run.code).toBe(3)
    expect(run.stdout + run.stderr).not.toContain('hunter2-secret')
  })
})

/** A UDP listener that only counts what reaches it. */
async function listenUdpCounting(): Promise<{ port: number; received(): number; close(): void }> {
  const dgram = await import('node:dgram')
  const socket = dgram.createSocket('udp4')
  let count = 0
  socket.on('message', () => (count += 1))
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  return { port: socket.address().port, received: () => count, close: () => socket.close() }
}

