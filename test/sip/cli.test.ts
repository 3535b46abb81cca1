import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { headerValues, receivedMessages } from './support/digest'
import { requireTool } from './support/require-tool'
import { dropFirst, startLossyUdpRelay, type LossyUdpRelay } from './support/lossy-udp-relay'
import { describeSippResult, freeLoopbackPort, startSipp, type SippPeer } from './support/sipp'
import { deskdial } from './support/deskdial-cli'

const PHONE_SYSTEM = path.resolve(__dirname, '../../bench/scenarios/phone-system-uas.xml')

function events(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe.skipIf(!requireTool('sipp'))('the deskdial command line', () => {
  let peer: SippPeer | undefined
  let scratch: string | undefined
  let relay: LossyUdpRelay | undefined

  afterEach(async () => {
    await relay?.close()
    relay = undefined
    await peer?.stop()
    peer = undefined
    if (scratch) await rm(scratch, { recursive: true, force: true })
    scratch = undefined
  })

  it('dials through the phone system and exits 0 once connected, one JSON object per line', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'udp', timeoutSeconds: 20 })
    const run = await deskdial([
      'dial',
      '1002',
      '--server',
      `127.0.0.1:${peer.port}`,
      '--user',
      'deskdial',
      '--line',
      '1001',
      '--no-register',
      '--json'
    ])
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
      [
        'register',
        '--server',
        `127.0.0.1:${peer.port}`,
        '--user',
        'deskdial',
        '--auth-user',
        'deskdial-auth',
        '--line',
        '1001',
        '--json'
      ],
      { DESKDIAL_PASSWORD: 'cli-secret' }
    )
    expect(run.code, run.stderr).toBe(0)
    const states = events(run.stdout).map(
      (event) => `${event.state}${event.expiresSeconds ? ` ${event.expiresSeconds}` : ''}`
    )
    expect(states).toEqual(['registering', 'registered 900', 'unregistered'])
    const result = await peer.exited
    expect(result.code, describeSippResult('register-digest', result)).toBe(0)
  })

  it('registers with the password from --password-stdin, and prefers it to DESKDIAL_PASSWORD', async () => {
    const keys = { auth_user: 'deskdial-auth', password: 'stdin-secret', granted: '900' }
    peer = await startSipp({ scenario: 'register-digest.xml', transport: 'udp', keys, timeoutSeconds: 20 })
    const run = await deskdial(
      [
        'register',
        '--server',
        `127.0.0.1:${peer.port}`,
        '--user',
        'deskdial',
        '--auth-user',
        'deskdial-auth',
        '--line',
        '1001',
        '--password-stdin',
        '--json'
      ],
      { DESKDIAL_PASSWORD: 'not-this-one' },
      'stdin-secret\n'
    )
    expect(run.code, run.stderr).toBe(0)
    expect(events(run.stdout).map((event) => event.state)).toEqual(['registering', 'registered', 'unregistered'])
    const result = await peer.exited
    expect(result.code, describeSippResult('register-digest', result)).toBe(0)
  })

  it('exits 2 and sends nothing when --password-stdin gets no password', async () => {
    const silent = await listenUdpCounting()
    try {
      const run = await deskdial(
        [
          'register',
          '--server',
          `127.0.0.1:${silent.port}`,
          '--user',
          'deskdial',
          '--line',
          '1001',
          '--password-stdin'
        ],
        {},
        ''
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('--password-stdin found no password on standard input')
      expect(silent.received()).toBe(0)
    } finally {
      silent.close()
    }
  })

  it('prints every SIP message with --trace as it happens, the REFER and its NOTIFYs, never the password or the digest response', async () => {
    peer = await startSipp({
      scenario: 'refer-407-notify.xml',
      transport: 'udp',
      keys: { line: '1001', target: '1002' },
      timeoutSeconds: 20
    })
    const password = 'trace-secret-pw'
    const run = await deskdial(
      [
        'dial',
        '1002',
        '--server',
        `127.0.0.1:${peer.port}`,
        '--user',
        'deskdial',
        '--line',
        '1001',
        '--no-register',
        '--trace'
      ],
      {
        DESKDIAL_PASSWORD: password
      }
    )
    expect(run.code, run.stderr).toBe(0)
    const result = await peer.exited
    expect(result.code, describeSippResult('refer-407-notify', result)).toBe(0)

    const traced = run.stderr.split(/^--- #\d+ /m).slice(1)
    const firstMessages = traced.filter((message) => !message.split('\n')[0].includes('[retransmission]'))
    const ladder = firstMessages.map((message) => {
      const [heading, startLine] = message.split('\n')
      const cseq = /^CSeq: *(.*)$/m.exec(message)?.[1]
      return `${heading.includes(' sent UDP to 127.0.0.1:') ? '->' : '<-'} ${startLine.replace(/ sip:\S+ SIP\/2\.0$/, '')} (${cseq})`
    })
    expect(ladder).toEqual([
      '-> REFER (1 REFER)',
      '<- SIP/2.0 407 Proxy Authentication Required (1 REFER)',
      '-> REFER (2 REFER)',
      '<- SIP/2.0 202 Accepted (2 REFER)',
      '<- NOTIFY (1 NOTIFY)',
      '-> SIP/2.0 200 OK (1 NOTIFY)',
      '<- NOTIFY (2 NOTIFY)',
      '-> SIP/2.0 200 OK (2 NOTIFY)',
      '<- NOTIFY (3 NOTIFY)',
      '-> SIP/2.0 200 OK (3 NOTIFY)'
    ])
    expect(run.stderr).toContain('SIP/2.0 180 Ringing')

    // The digest the phone system really received, read from SIPp's own trace.
    const [authorization] = receivedMessages(result.messageLog).flatMap((message) =>
      headerValues(message, 'Proxy-Authorization')
    )
    const secrets = ['response', 'cnonce'].map(
      (name) => new RegExp(`${name}="?([^",\\s]+)`).exec(authorization ?? '')?.[1]
    )
    expect(
      secrets.every((secret) => secret !== undefined && secret.length >= 8),
      authorization
    ).toBe(true)
    expect(run.stderr).toMatch(/^Proxy-Authorization: Digest .*response="redacted"/m)
    for (const secret of [password, ...secrets]) expect(run.stdout + run.stderr).not.toContain(secret)
  })

  it('exits 1 when the phone system refuses the password', async () => {
    peer = await startSipp({ scenario: 'register-wrong-password.xml', transport: 'udp', timeoutSeconds: 20 })
    const run = await deskdial([
      'register',
      '--server',
      `127.0.0.1:${peer.port}`,
      '--user',
      'deskdial',
      '--line',
      '1001',
      '--password',
      'wrong'
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('Registration: Wrong user name or password')
  })

  it('reads the account from --config and prints sentences for people without --json', async () => {
    peer = await startSipp({ scenario: PHONE_SYSTEM, transport: 'udp', timeoutSeconds: 20 })
    scratch = await mkdtemp(path.join(tmpdir(), 'deskdial-cli-'))
    const config = path.join(scratch, 'settings.json')
    // The app's own settings file, as the README suggests passing it.
    const account = {
      servers: [`127.0.0.1:${peer.port}`],
      transport: 'udp',
      user: 'deskdial',
      line: '1001',
      register: false,
      expires: 600
    }
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
    expect(wrongType.stderr).toContain(
      `The settings file ${config} cannot be used: account.servers: Server must be a list of addresses.`
    )
  })

  it.each([
    [['dial'], /exactly one number/],
    [['dial', '1002', '--user', 'deskdial', '--line', '1001'], /address of your phone system/],
    [['dial', '1002', '--server', '127.0.0.1', '--user', 'deskdial'], /number of your desk phone/],
    [
      ['dial', '1002', '--server', '127.0.0.1', '--user', 'deskdial', '--line', '1001', '--transport', 'sctp'],
      /udp, tcp or tls/
    ],
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
      const run = await deskdial([
        'dial',
        '1002>;x=y',
        '--server',
        `127.0.0.1:${silent.port}`,
        '--user',
        'deskdial',
        '--line',
        '1001',
        '--no-register',
        '--json'
      ])
      expect(run.code).toBe(2)
      expect(events(run.stdout).find((event) => event.event === 'error')?.message).toMatch(/cannot be dialled/)
      expect(silent.received()).toBe(0)
    } finally {
      silent.close()
    }
  })

  it('exits 3 when the phone system cannot be reached', async () => {
    const port = await freeLoopbackPort('tcp')
    const run = await deskdial([
      'dial',
      '1002',
      '--server',
      `127.0.0.1:${port}`,
      '--transport',
      'tcp',
      '--user',
      'deskdial',
      '--line',
      '1001',
      '--no-register'
    ])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(/127\.0\.0\.1/)
  })

  it('exits 3 at once, not after 32 s of retransmissions, when nothing listens on the UDP port', async () => {
    const port = await freeLoopbackPort('udp')
    const run = await deskdial([
      'dial',
      '1002',
      '--server',
      `127.0.0.1:${port}`,
      '--user',
      'deskdial',
      '--line',
      '1001',
      '--no-register',
      '--json'
    ])
    expect(run.code).toBe(3)
    const final = events(run.stdout)
      .filter((event) => event.event === 'call')
      .at(-1)
    // 503 from the ICMP error, not the 408 that Timer F would give after 32 s.
    expect(final).toMatchObject({
      state: 'failed',
      code: 503,
      reason:
        'The phone system did not answer (check the server address and network; a Cisco CME silently drops requests from a PC that is not registered and not in its "ip address trusted list")'
    })
  })

  it('takes the password from DESKDIAL_PASSWORD and never prints it', async () => {
    const port = await freeLoopbackPort('tcp')
    const run = await deskdial(
      [
        'register',
        '--server',
        `127.0.0.1:${port}`,
        '--transport',
        'tcp',
        '--user',
        'deskdial',
        '--line',
        '1001',
        '--verbose'
      ],
      {
        DESKDIAL_PASSWORD: 'hunter2-secret'
      }
    )
    expect(run.code).toBe(3)
    expect(run.stdout + run.stderr).not.toContain('hunter2-secret')
  })

  it('retries a failed registration after its backoff, with a fresh challenge, within --timeout', async () => {
    const keys = { auth_user: 'deskdial-auth', password: 'cli-secret', granted: '900' }
    peer = await startSipp({ scenario: 'register-retry.xml', transport: 'udp', keys, timeoutSeconds: 20 })
    const run = await deskdial(
      [
        'register',
        '--server',
        `127.0.0.1:${peer.port}`,
        '--user',
        'deskdial',
        '--auth-user',
        'deskdial-auth',
        '--line',
        '1001',
        '--timeout',
        '20',
        '--json'
      ],
      { DESKDIAL_PASSWORD: 'cli-secret' }
    )
    expect(run.code, run.stdout + run.stderr).toBe(0)
    expect(events(run.stdout).map((event) => `${event.state}${event.code ? ` ${event.code}` : ''}`)).toEqual([
      'registering',
      'retrying 400',
      'registering',
      'registered',
      'unregistered'
    ])
    const result = await peer.exited
    expect(result.code, describeSippResult('register-retry', result)).toBe(0)
  })

  it('answers the repeated final NOTIFY when its first 200 was lost, before exiting', async () => {
    peer = await startSipp({ scenario: 'notify-answer-lost.xml', transport: 'udp', timeoutSeconds: 20 })
    const lostAnswer = dropFirst('toServer', (text) => text.startsWith('SIP/2.0 200') && /^CSeq: *1 NOTIFY/m.test(text))
    relay = await startLossyUdpRelay(peer.port, lostAnswer)
    const run = await deskdial([
      'dial',
      '1002',
      '--server',
      `127.0.0.1:${relay.port}`,
      '--user',
      'deskdial',
      '--line',
      '1001',
      '--no-register',
      '--json'
    ])
    expect(run.code, run.stderr).toBe(0)
    const answers = relay.log.filter(
      (datagram) => datagram.direction === 'toServer' && /^CSeq: *1 NOTIFY/m.test(datagram.text)
    )
    expect(answers.map((datagram) => datagram.dropped)).toEqual([true, false])
    const result = await peer.exited
    expect(result.code, describeSippResult('notify-answer-lost', result)).toBe(0)
  })

  it('states in --help how long it stays up after a dial', async () => {
    const run = await deskdial(['--help'])
    expect(run.stdout).toContain(
      "After a dial, deskdial stays up to 4 s more to answer the phone system's repeated NOTIFYs."
    )
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
