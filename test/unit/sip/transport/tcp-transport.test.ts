import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { StateTransitionError } from 'sip.js'
import { NodeSipTransport, TransportError } from '../../../../src/main/sip/transport'
import {
  cleanupStack,
  delay,
  recordingTransport,
  sipRequest,
  sipResponse,
  startServer,
  startTcpPeer,
  topVia,
  VIA_HOST,
  waitUntil
} from './transport-test-kit'

const cleanups = cleanupStack()
afterEach(cleanups.run)

function tcpTransport(port: number, keepAliveSeconds = 0) {
  const recording = recordingTransport({ protocol: 'tcp', host: '127.0.0.1', port, keepAliveSeconds })
  cleanups.defer(() => recording.transport.dispose())
  return recording
}

const NOTIFY_BODY = 'SIP/2.0 200 OK — verbunden ✓\r\n'

describe('NodeSipTransport over TCP', () => {
  it(
    'delivers coalesced and split messages whole, a UTF-8 body split mid-character included',
    { timeout: 5000 },
    async () => {
      const first = sipRequest({
        protocol: 'TCP',
        branch: 'z9hG4bKn1',
        method: 'NOTIFY',
        body: 'SIP/2.0 100 Trying\r\n'
      })
      const second = sipRequest({
        protocol: 'TCP',
        branch: 'z9hG4bKn2',
        method: 'NOTIFY',
        body: 'SIP/2.0 180 Ringing\r\n'
      })
      const third = Buffer.from(
        sipRequest({ protocol: 'TCP', branch: 'z9hG4bKn3', method: 'NOTIFY', body: NOTIFY_BODY })
      )
      const splitInsideCheckMark = third.length - 4
      const peer = await startTcpPeer(cleanups, async (socket) => {
        socket.setNoDelay(true)
        socket.write(first + second)
        for (const piece of [
          third.subarray(0, 7),
          third.subarray(7, splitInsideCheckMark),
          third.subarray(splitInsideCheckMark)
        ]) {
          await delay(20)
          socket.write(piece)
        }
      })
      const { transport, messages } = tcpTransport(peer.port)

      await transport.connect()
      await waitUntil(() => messages.length === 3)

      expect(messages).toEqual([first, second, third.toString()])
    }
  )

  it(
    'sends requests with the local address in Via and gives responses back with viaHost',
    { timeout: 5000 },
    async () => {
      const peer = await startTcpPeer(cleanups, (socket) =>
        socket.on('data', (chunk) => socket.write(sipResponse(chunk.toString(), 200)))
      )
      const { transport, messages } = tcpTransport(peer.port)
      await transport.connect()

      await transport.send(sipRequest({ protocol: 'TCP', branch: 'z9hG4bKtcp' }))
      await waitUntil(() => messages.length === 1)

      expect(topVia(peer.received())).toBe(`Via: SIP/2.0/TCP 127.0.0.1:${transport.localPort};branch=z9hG4bKtcp;rport`)
      expect(topVia(messages[0])).toBe(`Via: SIP/2.0/TCP ${VIA_HOST};branch=z9hG4bKtcp;rport;received=127.0.0.1`)
      expect(transport.protocol).toBe('TCP')
    }
  )

  it('answers a CRLFCRLF ping with a CRLF pong and passes nothing up', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups, (socket) => socket.write('\r\n\r\n'))
    const { transport, messages } = tcpTransport(peer.port)
    await transport.connect()

    await waitUntil(() => peer.received().length > 0, 2000, 'the pong')
    await delay(50)

    expect(peer.received()).toBe('\r\n')
    expect(messages).toEqual([])
  })

  it(
    'sends a CRLFCRLF ping every keepAliveSeconds until disposed, and can connect again like sip.js stop() then start()',
    { timeout: 5000 },
    async () => {
      const peer = await startTcpPeer(cleanups)
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
      cleanups.defer(async () => vi.useRealTimers())
      const { transport } = tcpTransport(peer.port, 30)
      await transport.connect()

      vi.advanceTimersByTime(60_000)
      await waitUntil(() => peer.received().length >= 8, 2000, 'two pings')
      const intervalsWhileConnected = vi.getTimerCount()
      await transport.dispose()

      expect(peer.received()).toBe('\r\n\r\n\r\n\r\n')
      expect(intervalsWhileConnected).toBe(1)
      expect(vi.getTimerCount()).toBe(0)
      await transport.connect()
      expect(peer.sockets).toHaveLength(2)
    }
  )

  it('reports a dropped connection once, then connects again when asked', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups)
    const { transport, disconnects, states } = tcpTransport(peer.port)
    await transport.connect()
    const firstPort = transport.localPort

    peer.sockets[0].destroy()
    await waitUntil(() => transport.state === 'Disconnected')
    await delay(50)

    expect(disconnects).toHaveLength(1)
    expect(disconnects[0]).toBeInstanceOf(TransportError)
    expect(disconnects[0]).toMatchObject({ code: 'closed' })
    expect(transport.localPort).toBeUndefined()
    await expect(transport.send(sipRequest({ protocol: 'TCP', branch: 'z9hG4bKgone' }))).rejects.toThrow(
      /not connected/
    )

    await transport.connect()
    expect(transport.isConnected()).toBe(true)
    expect(peer.sockets).toHaveLength(2)
    expect(transport.localPort).not.toBe(firstPort)
    expect(states).toEqual(['Connecting', 'Connected', 'Disconnected', 'Connecting', 'Connected'])
  })

  it('closes the connection when the peer sends an endless header section', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups, (socket) =>
      socket.write('INVITE sip:x SIP/2.0\r\n' + 'X-Pad: 0123456789abcdef\r\n'.repeat(3000))
    )
    const { transport, disconnects } = tcpTransport(peer.port)
    await transport.connect()

    await waitUntil(() => disconnects.length === 1)
    await waitUntil(
      () => peer.sockets[0].destroyed || peer.sockets[0].readableEnded,
      2000,
      'the server side to see the close'
    )

    expect(disconnects[0]).toMatchObject({
      code: 'closed',
      message: expect.stringMatching(/not a valid SIP message \(header section/)
    })
    expect(transport.state).toBe('Disconnected')
  })

  it(
    'disconnect() closes the socket, calls onDisconnect without an error, and connect() resolves at once when connected',
    { timeout: 5000 },
    async () => {
      const peer = await startTcpPeer(cleanups)
      const { transport, disconnects, states } = tcpTransport(peer.port)
      await transport.connect()
      await transport.connect()

      await transport.disconnect()
      await waitUntil(() => peer.sockets[0].readableEnded, 2000, 'the server to see FIN')

      expect(disconnects).toEqual([undefined])
      expect(states).toEqual(['Connecting', 'Connected', 'Disconnecting', 'Disconnected'])
    }
  )

  it('a disconnect() while connecting rejects the connect()', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups)
    const { transport, disconnects } = tcpTransport(peer.port)

    const connecting = transport.connect()
    const disconnecting = transport.disconnect()

    await expect(connecting).rejects.toThrow(/cancelled/)
    await disconnecting
    expect(transport.state).toBe('Disconnected')
    expect(disconnects).toEqual([])
  })

  it('survives an onMessage callback that throws', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups, (socket) => {
      socket.write(sipRequest({ protocol: 'TCP', branch: 'z9hG4bKboom', method: 'NOTIFY' }))
      setTimeout(() => socket.write(sipRequest({ protocol: 'TCP', branch: 'z9hG4bKfine', method: 'NOTIFY' })), 20)
    })
    const logged: string[] = []
    const transport = new NodeSipTransport(undefined, {
      protocol: 'tcp',
      host: '127.0.0.1',
      port: peer.port,
      viaHost: VIA_HOST,
      keepAliveSeconds: 0,
      log: (level, message) => logged.push(`${level} ${message}`)
    })
    cleanups.defer(() => transport.dispose())
    const delivered: string[] = []
    transport.onMessage = (message) => {
      delivered.push(message)
      if (delivered.length === 1) throw new Error('sip.js choked')
    }
    await transport.connect()

    await waitUntil(() => delivered.length === 2)

    expect(transport.isConnected()).toBe(true)
    expect(logged.some((line) => line.startsWith('error onMessage threw: Error: sip.js choked'))).toBe(true)
  })

  it('rejects connect() called synchronously from a state callback instead of looping', { timeout: 5000 }, async () => {
    const peer = await startTcpPeer(cleanups)
    const { transport } = tcpTransport(peer.port)
    const reentrant: Promise<void>[] = []
    transport.onConnect = () => {
      reentrant.push(transport.disconnect())
    }

    await transport.connect()

    await expect(reentrant[0]).rejects.toBeInstanceOf(StateTransitionError)
    expect(transport.isConnected()).toBe(true)
  })

  it('fails to connect to a closed port with a sentence naming the address', { timeout: 5000 }, async () => {
    const closed = await startServer(net.createServer())
    await closed.close()
    const { transport, disconnects } = tcpTransport(closed.port)

    const failure = await transport.connect().then(
      () => undefined,
      (error: unknown) => error
    )

    expect(failure).toBeInstanceOf(TransportError)
    expect(failure).toMatchObject({
      code: 'unreachable',
      message: `Could not reach the phone system at 127.0.0.1:${closed.port} over TCP: the connection was refused. Check the server address and port.`
    })
    expect(transport.state).toBe('Disconnected')
    expect(disconnects).toEqual([])
  })
})
