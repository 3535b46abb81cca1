/**
 * DeskDial through the faults a tray app meets over weeks, against the built-in demo phone system
 * on loopback: the phone system stopped and started again, a TCP connection reset in the middle of
 * a dial, a phone system slower than T1, and a dial attempted while the phone system is gone.
 */
import dgram from 'node:dgram'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../src/main/backend/file-backed-backend'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import { defaultAppSettings } from '../../src/main/settings/app-settings-defaults'
import { MemorySecretStore } from '../../src/main/settings/password-store'
import { startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import type { SipTransportProtocol } from '../../src/shared/account-settings'
import type { CallProgress } from '../../src/shared/call-progress'
import type { RegistrationStatus } from '../../src/shared/registration-status'

const PASSWORD = 'staying-up-pw'

let directory: string
let stops: (() => Promise<void>)[]
let registrations: RegistrationStatus[]
let progress: CallProgress[]
let phoneSystemLog: string[]

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-staying-up-'))
  stops = []
  registrations = []
  progress = []
  phoneSystemLog = []
})

afterEach(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
  await rm(directory, { recursive: true, force: true })
})

async function phoneSystem(transport: 'udp' | 'tcp', port = 0): Promise<DemoPhoneSystem> {
  const pbx = await startDemoPhoneSystem({
    port,
    transport,
    account: { user: 'deskdial', password: PASSWORD },
    log: (line) => phoneSystemLog.push(line)
  })
  stops.push(() => pbx.stop())
  return pbx
}

/** How many calls the phone system placed to `number` (it rings the desk phone once per call). */
function callsPlacedTo(number: string): number {
  return phoneSystemLog.filter((line) => line.includes(`-> ${number} (`) && line.includes('ringing the desk phone'))
    .length
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}.\nPhone system:\n${phoneSystemLog.slice(-30).join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function desk(server: string, transport: SipTransportProtocol): Promise<DeskAppBackend> {
  const secrets = new MemorySecretStore()
  const backend = createFileBackedBackend({
    directory,
    country: 'US',
    version: '0.0.0-test',
    secrets,
    // Retries after a second or two, so that a test sees several within its time.
    createService: (options) =>
      new DeskDialService({ ...options, timing: { backoff: { initialMs: 500, maxMs: 2_000 } } }),
    emit: (event, payload) => {
      if (event === 'registration') registrations.push(payload as RegistrationStatus)
      if (event === 'callProgress') progress.push(payload as CallProgress)
    },
    stopTimeoutMs: 500
  })
  stops.push(() => backend.shutdown())
  await backend.start()
  const settings = defaultAppSettings('US')
  settings.account = { ...settings.account, servers: [server], transport, user: 'deskdial', line: '1001', expires: 600 }
  settings.dialPlan.internalExtensionLength = 4
  const saved = await backend.saveSettings({ settings, password: PASSWORD })
  if (!saved.ok) throw new Error(saved.error)
  await until('the registration', async () => (await backend.getStatus()).registration.state === 'registered')
  return backend
}

async function finalOf(callId: string): Promise<CallProgress> {
  await until(`the end of call ${callId}`, () =>
    progress.some((update) => update.id === callId && (update.state === 'connected' || update.state === 'failed'))
  )
  return progress.filter((update) => update.id === callId).at(-1) as CallProgress
}

async function dialled(backend: DeskAppBackend, target: string): Promise<string> {
  const result = await backend.dial({ target })
  if (!result.ok) throw new Error(result.error)
  return result.callId
}

/** A TCP proxy on loopback whose connections the test can reset (RST) at will. */
async function resettingProxy(targetPort: number): Promise<{ port: number; resetAll(): void }> {
  const pairs = new Set<[net.Socket, net.Socket]>()
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1')
    const pair: [net.Socket, net.Socket] = [client, upstream]
    pairs.add(pair)
    client.pipe(upstream).pipe(client)
    for (const socket of pair) {
      socket.on('error', () => undefined)
      socket.on('close', () => {
        pairs.delete(pair)
        client.destroy()
        upstream.destroy()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(async () => {
    for (const [client, upstream] of pairs) {
      client.destroy()
      upstream.destroy()
    }
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return {
    port: (server.address() as net.AddressInfo).port,
    resetAll() {
      for (const [client, upstream] of pairs) {
        client.resetAndDestroy()
        upstream.resetAndDestroy()
      }
    }
  }
}

/**
 * A UDP relay on loopback that hands every datagram from the phone system to DeskDial `delayMs`
 * late. The phone system sends its NOTIFYs to DeskDial's Contact, so the relay writes its own
 * address there (ephemeral ports have the same number of digits, so lengths stay the same).
 */
async function slowUdpRelay(
  targetPort: number,
  delayMs: number
): Promise<{ port: number; inject(datagram: string): void }> {
  const facing = dgram.createSocket('udp4')
  const upstream = dgram.createSocket('udp4')
  let client: dgram.RemoteInfo | undefined
  const timers = new Set<ReturnType<typeof setTimeout>>()
  facing.on('message', (datagram, from) => {
    client = from
    const ours = `127.0.0.1:${from.port}`
    const relayed = `127.0.0.1:${upstream.address().port}`
    const text = datagram.toString('latin1')
    upstream.send(
      ours.length === relayed.length ? Buffer.from(text.split(ours).join(relayed), 'latin1') : datagram,
      targetPort,
      '127.0.0.1'
    )
  })
  upstream.on('message', (datagram) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      if (client) facing.send(datagram, client.port, client.address)
    }, delayMs)
    timers.add(timer)
  })
  await new Promise<void>((resolve) => facing.bind(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => upstream.bind(0, '127.0.0.1', resolve))
  stops.push(async () => {
    for (const timer of timers) clearTimeout(timer)
    await Promise.all([
      new Promise<void>((resolve) => facing.close(() => resolve())),
      new Promise<void>((resolve) => upstream.close(() => resolve()))
    ])
  })
  return {
    port: facing.address().port,
    /** Sends a datagram to DeskDial as if the phone system sent it. */
    inject(datagram: string) {
      if (client) facing.send(datagram, client.port, client.address)
    }
  }
}

describe('staying up', () => {
  it('shows the phone system going away, re-registers when it is back, keeps the call record and dials again', async () => {
    const pbx = await phoneSystem('tcp')
    const backend = await desk(`127.0.0.1:${pbx.port}`, 'tcp')
    const first = await dialled(backend, '1002')
    expect(await finalOf(first)).toMatchObject({ state: 'connected' })

    await pbx.stop()
    await until('the retrying state', () => registrations.at(-1)?.state === 'retrying')
    const restarted = await phoneSystem('tcp', pbx.port)
    await until(
      'the registration with the restarted phone system',
      async () => (await backend.getStatus()).registration.state === 'registered'
    )
    const seen = registrations.map((status) => status.state)
    expect(seen.slice(seen.lastIndexOf('registered', seen.indexOf('retrying')) + 1)).toContain('retrying')

    expect((await backend.listHistory()).map((record) => record.id)).toContain(first)
    const second = await dialled(backend, '1002')
    expect(await finalOf(second)).toMatchObject({ state: 'connected' })
    void restarted
  }, 90_000)

  it('refuses a dial at once while the phone system is gone, and never sends it later', async () => {
    const pbx = await phoneSystem('tcp')
    const backend = await desk(`127.0.0.1:${pbx.port}`, 'tcp')
    await pbx.stop()
    await until('the retrying state', () => registrations.at(-1)?.state === 'retrying')

    const refused = await backend.dial({ target: '1003' })
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringMatching(/connection to the phone system is down|not connected/i)
    })

    await phoneSystem('tcp', pbx.port)
    await until(
      'the registration with the restarted phone system',
      async () => (await backend.getStatus()).registration.state === 'registered'
    )
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(callsPlacedTo('1003')).toBe(0)
  }, 90_000)

  it('fails a dial whose TCP connection is reset with the connection sentence, and the next dial works', async () => {
    const pbx = await phoneSystem('tcp')
    const proxy = await resettingProxy(pbx.port)
    const backend = await desk(`127.0.0.1:${proxy.port}`, 'tcp')
    const call = await dialled(backend, '1002')
    await until('the desk phone ringing', () =>
      progress.some((update) => update.id === call && (update.state === 'trying' || update.state === 'ringing'))
    )
    proxy.resetAll()
    const end = await finalOf(call)
    expect(end.state).toBe('failed')
    expect(end.reason).toMatch(/connection/i)

    await until(
      'the registration after the reset',
      async () => (await backend.getStatus()).registration.state === 'registered'
    )
    const next = await dialled(backend, '1002')
    expect(await finalOf(next)).toMatchObject({ state: 'connected' })
  }, 90_000)

  it('places one call, and reports no failure, when every answer comes 700 ms late (slower than T1)', async () => {
    const pbx = await phoneSystem('udp')
    const relay = await slowUdpRelay(pbx.port, 700)
    const backend = await desk(`127.0.0.1:${relay.port}`, 'udp')
    const call = await dialled(backend, '1002')
    expect(await finalOf(call)).toMatchObject({ state: 'connected' })
    expect(progress.filter((update) => update.id === call).map((update) => update.state)).not.toContain('failed')
    // The REFER was sent again before its late 202 came: the phone system still placed one call.
    expect(phoneSystemLog.filter((line) => line.startsWith('in ') && line.includes(' REFER ')).length).toBeGreaterThan(
      2
    )
    expect(callsPlacedTo('1002')).toBe(1)
  }, 90_000)

  it('keeps registered and dials through a flood of unsolicited requests and stray responses, memory bounded', async () => {
    const pbx = await phoneSystem('udp')
    const relay = await slowUdpRelay(pbx.port, 0)
    const backend = await desk(`127.0.0.1:${relay.port}`, 'udp')
    const heapBefore = process.memoryUsage().heapUsed
    // About 2,000 datagrams a second for three seconds, from the phone system's address.
    for (let tick = 0; tick < 60; tick++) {
      for (let index = 0; index < 100; index++) {
        const id = `${tick}-${index}-${Math.random().toString(36).slice(2)}`
        relay.inject(
          index % 2 === 0
            ? `NOTIFY sip:deskdial@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${pbx.port};branch=z9hG4bK${id}\r\nFrom: <sip:flood@127.0.0.1>;tag=${id}\r\nTo: <sip:deskdial@127.0.0.1>;tag=nope\r\nCall-ID: flood-${id}\r\nCSeq: 1 NOTIFY\r\nEvent: refer\r\nContent-Length: 0\r\n\r\n`
            : `SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK${id}\r\nFrom: <sip:deskdial@127.0.0.1>;tag=${id}\r\nTo: <sip:1001@127.0.0.1>;tag=x\r\nCall-ID: stray-${id}\r\nCSeq: 1 REFER\r\nContent-Length: 0\r\n\r\n`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect((await backend.getStatus()).registration.state).toBe('registered')
    const call = await dialled(backend, '1002')
    expect(await finalOf(call)).toMatchObject({ state: 'connected' })
    // 6,000 messages leave at most a few tens of megabytes of transactions behind, never the whole flood.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024)
  }, 90_000)

  it('reconnects and registers again when the computer wakes up or the network changes (the hook the app calls)', async () => {
    const pbx = await phoneSystem('udp')
    const backend = await desk(`127.0.0.1:${pbx.port}`, 'udp')
    const registersBefore = phoneSystemLog.filter(
      (line) => line.startsWith('in ') && line.includes(' REGISTER ')
    ).length
    const eventsBefore = registrations.length
    await backend.reconnect()
    await until('the new registration', async () =>
      registrations.slice(eventsBefore).some((status) => status.state === 'registered')
    )
    expect(registrations.slice(eventsBefore).map((status) => status.state)).toContain('registering')
    expect(
      phoneSystemLog.filter((line) => line.startsWith('in ') && line.includes(' REGISTER ')).length
    ).toBeGreaterThan(registersBefore)
    const call = await dialled(backend, '1002')
    expect(await finalOf(call)).toMatchObject({ state: 'connected' })
  }, 90_000)
})
