/**
 * Over TCP the transport also listens on the port its Contact and Via name, because a phone system
 * may open a new connection there for its in-dialog NOTIFYs (RFC 3261 18.1.1, 18.2.2) instead of
 * reusing ours. Loopback only: 127.0.0.1 plays the phone system, 127.0.0.2 a stranger.
 */
import { once } from 'node:events'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { SipTraceEntry } from '../../../../src/shared/sip-trace'
import {
  cleanupStack,
  recordingTransport,
  sipRequest,
  sipResponse,
  startTcpPeer,
  topVia,
  VIA_HOST,
  waitUntil
} from './transport-test-kit'

const cleanups = cleanupStack()
afterEach(cleanups.run)

const PHONE_SYSTEM = '127.0.0.1'
const STRANGER = '127.0.0.2'
const MAX_CONNECTIONS = 16

function tcpTransport(port: number) {
  const logged: string[] = []
  const recording = recordingTransport({
    protocol: 'tcp',
    host: PHONE_SYSTEM,
    port,
    keepAliveSeconds: 0,
    log: (level, message) => logged.push(`${level} ${message}`)
  })
  cleanups.defer(() => recording.transport.dispose())
  return { ...recording, logged }
}

/** A request as the phone system sends it: its own address in Via. */
function phoneRequest(phonePort: number, branch: string, method = 'NOTIFY'): string {
  return sipRequest({ protocol: 'TCP', branch, method, body: 'SIP/2.0 180 Ringing\r\n' }).replace(
    VIA_HOST,
    `${PHONE_SYSTEM}:${phonePort}`
  )
}

interface DialBack {
  socket: net.Socket
  received(): string
  closed: Promise<void>
}

/** A connection the phone system (or, from `source`, someone else) opens to the transport's listening port. */
async function dialBack(port: number, source = PHONE_SYSTEM): Promise<DialBack> {
  const socket = net.connect({ host: PHONE_SYSTEM, port, localAddress: source })
  const chunks: Buffer[] = []
  socket.on('data', (chunk) => chunks.push(chunk))
  socket.on('error', () => undefined)
  // Not once(): that rejects on 'error', and a reset is how a refused connection ends.
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  cleanups.defer(async () => {
    socket.destroy()
    await closed
  })
  await once(socket, 'connect')
  return { socket, received: () => Buffer.concat(chunks).toString(), closed }
}

/** Sends a CRLFCRLF keep-alive: true when the transport answers it, false when it closes the connection instead. */
function answersPing(connection: DialBack): Promise<boolean> {
  return new Promise((resolve) => {
    connection.socket.on('data', () => {
      if (connection.received().endsWith('\r\n')) resolve(true)
    })
    void connection.closed.then(() => resolve(false))
    connection.socket.write('\r\n\r\n')
  })
}

/** A transport connected to a phone system; `listeningPort` is the port its Contact and Via name. */
async function connectedTransport() {
  const phone = await startTcpPeer(cleanups)
  const recording = tcpTransport(phone.port)
  await recording.transport.connect()
  return { phone, ...recording, listeningPort: recording.transport.localPort ?? 0 }
}

describe('NodeSipTransport over TCP, connections the phone system opens', () => {
  it(
    'takes a NOTIFY on a new connection to its Via port and sends the response back on that connection',
    { timeout: 5000 },
    async () => {
      const { phone, transport, messages, disconnects } = await connectedTransport()
      await transport.send(sipRequest({ protocol: 'TCP', branch: 'z9hG4bKrefer', method: 'REFER' }))
      await waitUntil(() => phone.received().endsWith('\r\n\r\n'), 2000, 'the REFER')
      phone.sockets[0].write(sipResponse(phone.received(), 202, 'Accepted'))
      await waitUntil(() => messages.length === 1)
      const viaPort = Number(/:(\d+);/.exec(topVia(phone.received()) ?? '')?.[1])
      expect(viaPort).toBe(transport.localPort)
      expect(viaPort).not.toBe(phone.sockets[0].remotePort)

      const notify = phoneRequest(phone.port, 'z9hG4bKnew1')
      const connection = await dialBack(viaPort)
      connection.socket.write(notify)
      await waitUntil(() => messages.length === 2)
      await transport.send(sipResponse(notify, 200))
      await waitUntil(() => connection.received().length > 0)

      expect(messages[1]).toBe(notify)
      expect(connection.received()).toBe(sipResponse(notify, 200))
      expect(phone.received()).not.toContain('NOTIFY')
      expect(disconnects).toEqual([])
    }
  )

  it(
    'traces messages on a connection the phone system opened with that connection as the peer',
    { timeout: 5000 },
    async () => {
      const phone = await startTcpPeer(cleanups)
      const traced: SipTraceEntry[] = []
      const { transport, messages } = recordingTransport({
        protocol: 'tcp',
        host: PHONE_SYSTEM,
        port: phone.port,
        keepAliveSeconds: 0,
        onTrace: (entry) => traced.push(entry)
      })
      cleanups.defer(() => transport.dispose())
      await transport.connect()
      const refer = sipRequest({ protocol: 'TCP', branch: 'z9hG4bKrefer', method: 'REFER' })
      await transport.send(refer)
      await waitUntil(() => phone.received().endsWith('\r\n\r\n'), 2000, 'the REFER')

      const notify = phoneRequest(phone.port, 'z9hG4bKnew3')
      const connection = await dialBack(transport.localPort ?? 0)
      connection.socket.write(notify)
      await waitUntil(() => messages.length === 1)
      await transport.send(sipResponse(notify, 200))

      const main = `${PHONE_SYSTEM}:${phone.port}`
      const dialledBack = `${PHONE_SYSTEM}:${connection.socket.localPort}`
      expect(traced.map(({ direction, transport, peer, text }) => [direction, transport, peer, text])).toEqual([
        ['sent', 'TCP', main, phone.received()],
        ['received', 'TCP', dialledBack, notify],
        ['sent', 'TCP', dialledBack, sipResponse(notify, 200)]
      ])
    }
  )

  it('answers a request that came on the main connection on the main connection', { timeout: 5000 }, async () => {
    const { phone, transport, messages, listeningPort } = await connectedTransport()
    const other = await dialBack(listeningPort)
    other.socket.write(phoneRequest(phone.port, 'z9hG4bKnew2'))
    const notify = phoneRequest(phone.port, 'z9hG4bKmain')
    phone.sockets[0].write(notify)
    await waitUntil(() => messages.length === 2)

    await transport.send(sipResponse(notify, 200))
    await waitUntil(() => phone.received().length > 0)

    expect(phone.received()).toBe(sipResponse(notify, 200))
    expect(other.received()).toBe('')
  })

  it('refuses a connection from any address but the phone system, and stays connected', { timeout: 5000 }, async () => {
    const { phone, transport, disconnects, logged, listeningPort } = await connectedTransport()

    const stranger = await dialBack(listeningPort, STRANGER)
    const strangerPort = stranger.socket.localPort

    expect(await answersPing(stranger)).toBe(false)
    expect(logged).toContain(
      `warn Refused a TCP connection from ${STRANGER}:${strangerPort}: only the phone system at ${PHONE_SYSTEM}:${phone.port} may connect.`
    )
    expect(await answersPing(await dialBack(listeningPort))).toBe(true)
    expect(transport.isConnected()).toBe(true)
    expect(disconnects).toEqual([])
  })

  it(
    `holds at most ${MAX_CONNECTIONS} connections open, and takes a new one once one has closed`,
    { timeout: 5000 },
    async () => {
      const { logged, listeningPort } = await connectedTransport()
      const open: DialBack[] = []
      for (let i = 0; i < MAX_CONNECTIONS; i++) open.push(await dialBack(listeningPort))
      expect(await Promise.all(open.map(answersPing))).toEqual(open.map(() => true))

      expect(await answersPing(await dialBack(listeningPort))).toBe(false)
      expect(logged.filter((line) => line.includes('already has 16 connections open'))).toHaveLength(1)

      open[0].socket.destroy()
      // The transport sees the close a moment after we do: retry until a slot is free.
      let freed = false
      while (!freed) freed = await answersPing(await dialBack(listeningPort))
    }
  )

  it('closes only the connection that sends what cannot be SIP', { timeout: 5000 }, async () => {
    const { phone, transport, messages, disconnects, logged, listeningPort } = await connectedTransport()
    const hostile = await dialBack(listeningPort)
    const healthy = await dialBack(listeningPort)
    expect(await answersPing(healthy)).toBe(true)

    hostile.socket.write('NOTIFY sip:desk@127.0.0.1 SIP/2.0\r\n' + 'X-Pad: 0123456789abcdef\r\n'.repeat(3000))
    await hostile.closed
    const notify = phoneRequest(phone.port, 'z9hG4bKafter')
    healthy.socket.write(notify)
    await waitUntil(() => messages.length === 1)

    expect(messages).toEqual([notify])
    expect(
      logged.some((line) => /^warn Closed a TCP connection from .*not a valid SIP message \(header section/.test(line))
    ).toBe(true)
    expect(transport.isConnected()).toBe(true)
    expect(disconnects).toEqual([])
  })

  it('stops listening and closes the accepted connections on disconnect()', { timeout: 5000 }, async () => {
    const { transport, listeningPort } = await connectedTransport()
    const accepted = await dialBack(listeningPort)
    expect(await answersPing(accepted)).toBe(true)

    await transport.disconnect()
    await accepted.closed

    await expect(dialBack(listeningPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })

  it('stops listening when the main connection is lost', { timeout: 5000 }, async () => {
    const { phone, transport, disconnects, listeningPort } = await connectedTransport()

    phone.sockets[0].destroy()
    await waitUntil(() => transport.state === 'Disconnected')

    expect(disconnects).toHaveLength(1)
    await expect(dialBack(listeningPort)).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})
