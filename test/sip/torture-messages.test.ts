/**
 * Every message of RFC 4475 section 3 and RFC 5118 section 4, byte for byte as the RFCs publish
 * them (test/fixtures/sip-torture), delivered to a real SipEndpoint over UDP and over TCP from a
 * raw socket on loopback playing the phone system. Each must get the answer the RFCs ask of a
 * user agent registered as sip:user@example.com (answers.json says which, and why), the same
 * answer on both transports, and DeskDial must still answer afterwards.
 */
import dgram from 'node:dgram'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import tls from 'node:tls'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { SipEndpoint } from '../../src/main/sip/sip-endpoint'
import type { AccountSettings } from '../../src/shared/account-settings'
import { makeTestCertificates, type TestCertificates } from '../support/tls-certs'

const FIXTURES = path.join(__dirname, '../fixtures/sip-torture')
const WAIT_MS = 3000
/** After the probe's answer: time for an answer to the message itself to arrive on its own connection. */
const SETTLE_MS = 20

interface Expectation {
  name: string
  rfc: string
  /** The status DeskDial answers with, or `discarded` when nothing may be sent back. */
  answer: number | 'discarded'
  /** Over TCP and TLS, when the RFC asks for something else than over UDP: the statuses, or `waits` for more bytes. */
  stream?: number[] | 'waits'
  /** Over a stream, the message cannot be cut from what follows: it is answered, then the connection closes. */
  closesStream?: boolean
  why: string
}

const { messages: EXPECTED } = JSON.parse(readFileSync(path.join(FIXTURES, 'answers.json'), 'utf8')) as {
  messages: Expectation[]
}

function fixture(name: string): Buffer {
  const folder = EXPECTED.find((entry) => entry.name === name)?.rfc.startsWith('RFC 5118') ? 'rfc5118' : 'rfc4475'
  return readFileSync(path.join(FIXTURES, folder, `${name}.dat`))
}

const ACCOUNT: AccountSettings = {
  servers: [],
  transport: 'udp',
  user: 'user',
  domain: 'example.com',
  line: '1001',
  register: false,
  expires: 600
}

function probe(id: number): string {
  return [
    'OPTIONS sip:user@example.com SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-probe-${id}`,
    'From: <sip:pbx@example.com>;tag=probe',
    'To: <sip:user@example.com>',
    `Call-ID: probe-${id}`,
    'CSeq: 1 OPTIONS',
    'Max-Forwards: 70',
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

const statusOf = (answer: string): number => Number(/^SIP\/2\.0 (\d{3}) /.exec(answer)?.[1] ?? 0)
const isProbeAnswer = (answer: string, id: number): boolean => answer.includes(`branch=z9hG4bK-probe-${id}`)

/** What DeskDial sends back on one socket, in order. */
class Answers {
  readonly list: string[] = []
  #wake: (() => void) | undefined

  push(answer: string): void {
    this.list.push(answer)
    this.#wake?.()
  }

  /** Waits for an answer that `found` accepts; after `giveUpMs`, resolves anyway when given, else throws. */
  async until(found: (answer: string) => boolean, what: string, giveUpMs?: number): Promise<void> {
    const deadline = Date.now() + (giveUpMs ?? WAIT_MS)
    while (!this.list.some(found)) {
      if (Date.now() > deadline) {
        if (giveUpMs !== undefined) return
        throw new Error(`Nothing arrived within ${WAIT_MS} ms: ${what}`)
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve
        setTimeout(resolve, 50)
      })
    }
  }
}

/** Splits a TCP or TLS byte stream into messages by their Content-Length. */
function collectStream(socket: net.Socket, answers: () => Answers): void {
  let buffer = ''
  socket.on('data', (data) => {
    buffer += data.toString('utf8')
    for (let end = buffer.indexOf('\r\n\r\n'); end !== -1; end = buffer.indexOf('\r\n\r\n')) {
      const length = Number(/^content-length:\s*(\d+)/im.exec(buffer.slice(0, end))?.[1] ?? 0)
      if (buffer.length < end + 4 + length) return
      answers().push(buffer.slice(0, end + 4 + length))
      buffer = buffer.slice(end + 4 + length)
    }
  })
  socket.on('error', () => undefined)
}

const closers: Array<() => Promise<unknown>> = []
async function stopEverything(): Promise<void> {
  for (let close = closers.pop(); close; close = closers.pop()) await close()
}
afterEach(stopEverything)

interface PhoneSystem {
  endpoint: SipEndpoint
  /** Delivers `message` on a socket of its own, then a probe; resolves with the statuses answered to the message. */
  deliver(message: Buffer, probeId: number): Promise<number[]>
}

async function startEndpoint(transport: 'udp' | 'tcp' | 'tls', port: number, caFile?: string): Promise<SipEndpoint> {
  const endpoint = new SipEndpoint({
    account: { ...ACCOUNT, transport, caFile },
    server: { host: '127.0.0.1', port },
    log: () => undefined,
    transport: { keepAliveSeconds: 0 }
  })
  closers.push(() => endpoint.close())
  await endpoint.connect()
  return endpoint
}

function contactPort(endpoint: SipEndpoint): number {
  return Number(/:(\d+);/.exec(endpoint.contact)?.[1])
}

async function udpPhoneSystem(): Promise<PhoneSystem> {
  const socket = dgram.createSocket('udp4')
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())))
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  let answers = new Answers()
  socket.on('message', (data) => answers.push(data.toString('utf8')))
  const endpoint = await startEndpoint('udp', socket.address().port)
  const port = contactPort(endpoint)
  return {
    endpoint,
    async deliver(message, probeId) {
      answers = new Answers()
      socket.send(message, port, '127.0.0.1')
      socket.send(probe(probeId), port, '127.0.0.1')
      await answers.until((answer) => isProbeAnswer(answer, probeId), `the answer to probe ${probeId}`)
      return answers.list.filter((answer) => !isProbeAnswer(answer, probeId)).map(statusOf)
    }
  }
}

async function tcpPhoneSystem(): Promise<PhoneSystem> {
  const server = net.createServer()
  const sockets = new Set<net.Socket>()
  server.on('connection', (socket) => sockets.add(socket))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const endpoint = await startEndpoint('tcp', (server.address() as net.AddressInfo).port)
  // The phone system opens connections of its own to DeskDial's Contact, as CUCM does for NOTIFYs.
  const open = async (): Promise<{ socket: net.Socket; answers: Answers }> => {
    const socket = net.connect(contactPort(endpoint), '127.0.0.1')
    sockets.add(socket)
    const answers = new Answers()
    collectStream(socket, () => answers)
    await once(socket, 'connect')
    return { socket, answers }
  }
  return {
    endpoint,
    async deliver(message, probeId) {
      const delivery = await open()
      delivery.socket.write(message)
      const prober = await open()
      prober.socket.write(probe(probeId))
      await prober.answers.until((answer) => isProbeAnswer(answer, probeId), `the answer to probe ${probeId}`)
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
      for (const socket of [delivery.socket, prober.socket]) {
        socket.destroy()
        sockets.delete(socket)
      }
      return delivery.answers.list.map(statusOf)
    }
  }
}

/** Over TLS nothing listens: the phone system sends on the connection DeskDial opened. */
async function tlsPhoneSystem(): Promise<PhoneSystem> {
  certificates ??= makeTestCertificates()
  const certs = await certificates
  const [cert, key] = await Promise.all([readFile(certs.certFile), readFile(certs.keyFile)])
  let answers = new Answers()
  let connection: tls.TLSSocket | undefined
  const server = tls.createServer({ cert, key }, (socket) => {
    connection = socket
    collectStream(socket, () => answers)
    socket.on('close', () => answers.push(CLOSED))
  })
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        connection?.destroy()
        server.close(() => resolve())
      })
  )
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const accepted = once(server, 'secureConnection')
  const endpoint = await startEndpoint('tls', (server.address() as net.AddressInfo).port, certs.caFile)
  await accepted
  return {
    endpoint,
    async deliver(message, probeId) {
      answers = new Answers()
      if (connection?.writable) {
        connection.write(message)
        connection.write(probe(probeId))
      } else answers.push(CLOSED)
      // A body still awaited swallows the probe: the stream waits, as RFC 4475 3.1.2.2 says it must.
      await answers.until(
        (answer) => answer === CLOSED || isProbeAnswer(answer, probeId),
        `the answer to probe ${probeId}`,
        STREAM_WAIT_MS
      )
      return answers.list.filter((answer) => answer !== CLOSED && !isProbeAnswer(answer, probeId)).map(statusOf)
    }
  }
}
/** One throwaway CA and certificate for every TLS phone system of this file. */
let certificates: Promise<TestCertificates> | undefined
afterAll(async () => (await certificates)?.cleanup())
const CLOSED = 'closed'
/** How long a stream that waits for the rest of a body is watched before it counts as waiting. */
const STREAM_WAIT_MS = 1000

/** The statuses the RFCs ask for over `transport`. */
function expectedOver(transport: Transport, entry: Expectation): number[] {
  const stream = transport === 'UDP' ? undefined : entry.stream
  if (stream) return stream === 'waits' ? [] : stream
  return entry.answer === 'discarded' ? [] : [entry.answer]
}

/** sip.js may send 100 and 180 before it declines a call; every other answer comes alone. */
function withoutCallProgress(entry: Expectation, statuses: number[]): number[] {
  return entry.answer === DECLINED ? statuses.filter((status) => status >= 200) : statuses
}
const DECLINED = 603

type Transport = 'UDP' | 'TCP' | 'TLS'
const TRANSPORTS = [
  ['UDP', udpPhoneSystem],
  ['TCP', tcpPhoneSystem],
  ['TLS', tlsPhoneSystem]
] as const
const measured = new Map<Transport, Map<string, number[]>>()

describe.each(TRANSPORTS)('the RFC 4475 and RFC 5118 torture messages, over %s', (transport, start) => {
  it('each get the answer the RFCs ask for, and DeskDial answers the next request', async () => {
    const answers = new Map<string, number[]>()
    const alive: string[] = []
    for (const [index, entry] of EXPECTED.entries()) {
      // A DeskDial of its own for each: several messages share a Call-ID and branch, and sip.js
      // matches server transactions on the branch alone.
      const phone = await start()
      answers.set(entry.name, withoutCallProgress(entry, await phone.deliver(fixture(entry.name), index)))
      // Over TLS the stream is DeskDial's own: one that cannot be cut into messages is closed after the 400.
      const closes = transport === 'TLS' && entry.closesStream === true
      if (!closes && ((await phone.deliver(Buffer.alloc(0), 1000 + index)).length > 0 || !phone.endpoint.isConnected))
        alive.push(entry.name)
      await stopEverything()
    }
    measured.set(transport, answers)

    const wrong = EXPECTED.filter(
      (entry) => JSON.stringify(answers.get(entry.name)) !== JSON.stringify(expectedOver(transport, entry))
    ).map(
      (entry) =>
        `${entry.name}: ${JSON.stringify(answers.get(entry.name))}, expected ${JSON.stringify(expectedOver(transport, entry))}`
    )
    const right = EXPECTED.length - wrong.length
    console.info(
      `${transport}: ${right} of ${EXPECTED.length} torture messages answered as the RFCs ask (${((right / EXPECTED.length) * 100).toFixed(1)}%)`
    )
    expect(wrong).toEqual([])
    expect(alive).toEqual([])
  }, 120_000)
})

// Over TLS the stream is DeskDial's own connection, which the unframable messages close.
describe.each(TRANSPORTS.slice(0, 2))('all the torture messages over %s', (_transport, start) => {
  it('one after the other to one DeskDial, which stays up and answers', async () => {
    const phone = await start()
    for (const [index, entry] of EXPECTED.entries()) await phone.deliver(fixture(entry.name), index)
    expect(await phone.deliver(Buffer.alloc(0), EXPECTED.length)).toEqual([])
    expect(phone.endpoint.isConnected).toBe(true)
  }, 60_000)
})

describe('the torture messages', () => {
  it('get the same answers over UDP, TCP and TLS, except where the RFC asks otherwise of a stream', () => {
    const [udp, tcp, tls] = (['UDP', 'TCP', 'TLS'] as const).map((transport) => measured.get(transport))
    expect(udp && tcp && tls).toBeTruthy()
    const same = (a: Map<string, number[]> | undefined, b: Map<string, number[]> | undefined, name: string): boolean =>
      JSON.stringify(a?.get(name)) === JSON.stringify(b?.get(name))
    const differing = EXPECTED.filter(
      (entry) => !(same(tcp, tls, entry.name) && (entry.stream !== undefined || same(udp, tcp, entry.name)))
    ).map((entry) => entry.name)
    expect(differing).toEqual([])
  })
})
