import dgram from 'node:dgram'
import { once } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { RetransmitTimers } from '../../../../src/main/sip/transport'
import type { SipTraceEntry } from '../../../../src/shared/sip-trace'
import {
  cleanupStack,
  branchOf,
  delay,
  recordingTransport,
  sipRequest,
  sipResponse,
  topVia,
  VIA_HOST,
  waitUntil
} from './transport-test-kit'

interface Datagram {
  text: string
  at: number
}

/** A phone system on loopback UDP; `answer` decides what to send back for each datagram. */
async function startPeer(answer: (text: string, index: number) => string | undefined = () => undefined) {
  const socket = dgram.createSocket('udp4')
  const received: Datagram[] = []
  let client: dgram.RemoteInfo | undefined
  socket.on('message', (data, rinfo) => {
    client = rinfo
    const text = data.toString()
    received.push({ text, at: Date.now() })
    const reply = answer(text, received.length - 1)
    if (reply !== undefined) socket.send(reply, rinfo.port, rinfo.address)
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  return {
    port: socket.address().port,
    received,
    /** Sends to whoever last sent us something. */
    send: (text: string) => {
      if (!client) throw new Error('no client yet')
      socket.send(text, client.port, client.address)
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve()))
  }
}

/** Asserts the peer gets nothing more for `ms`, after letting datagrams already in flight land. */
async function expectNoMoreDatagrams(peer: { received: Datagram[] }, ms: number): Promise<void> {
  await delay(30)
  const count = peer.received.length
  await delay(ms)
  expect(peer.received.length, 'datagrams after the transaction ended').toBe(count)
}

const FAST: RetransmitTimers = { t1Ms: 20, t2Ms: 80 }
const cleanups = cleanupStack()
afterEach(cleanups.run)

async function connectedTransport(peerPort: number, timers = FAST) {
  const recording = recordingTransport({ protocol: 'udp', host: '127.0.0.1', port: peerPort, retransmitTimers: timers })
  cleanups.defer(() => recording.transport.dispose())
  await recording.transport.connect()
  return recording
}

describe('NodeSipTransport over UDP', () => {
  it(
    'resends a lost request with the same branch until the response, which comes back with viaHost',
    { timeout: 5000 },
    async () => {
      const peer = await startPeer((text, index) => (index < 2 ? undefined : sipResponse(text, 200)))
      cleanups.defer(peer.close)
      const { transport, messages } = await connectedTransport(peer.port)

      await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKlost2' }))
      await waitUntil(() => messages.length === 1, 2000, 'the 200 OK')
      await expectNoMoreDatagrams(peer, 4 * FAST.t2Ms)

      expect(peer.received.length).toBeGreaterThanOrEqual(3)
      for (const { text } of peer.received) {
        expect(topVia(text)).toBe(`Via: SIP/2.0/UDP 127.0.0.1:${transport.localPort};branch=z9hG4bKlost2;rport`)
      }
      expect(topVia(messages[0])).toBe(`Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bKlost2;rport;received=127.0.0.1`)
    }
  )

  it('slows to T2 after a provisional response and stops at the final one', { timeout: 5000 }, async () => {
    const timers = { t1Ms: 50, t2Ms: 400 }
    const peer = await startPeer((text, index) => (index === 0 ? sipResponse(text, 100, 'Trying') : undefined))
    cleanups.defer(peer.close)
    const { transport, messages } = await connectedTransport(peer.port, timers)

    const request = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKslow', method: 'REFER' })
    await transport.send(request)
    await waitUntil(() => peer.received.length >= 4, 3000, 'three retransmissions')
    peer.send(sipResponse(request, 202, 'Accepted'))
    await waitUntil(() => messages.length === 2, 2000, 'the 202')
    await expectNoMoreDatagrams(peer, timers.t2Ms + 50)

    const times = peer.received.map((d) => d.at)
    // The retransmission already scheduled at T1 goes out; every later one waits T2 (doubling would give 100, 200).
    const gapsAfterFirstResend = times.slice(2).map((at, i) => at - times[i + 1])
    expect(gapsAfterFirstResend.every((gap) => gap >= 0.75 * timers.t2Ms)).toBe(true)
    expect(new Set(peer.received.map((d) => branchOf(d.text)))).toEqual(new Set(['z9hG4bKslow']))
  })

  it('gives up after 64*T1 without an answer', { timeout: 5000 }, async () => {
    const timers = { t1Ms: 10, t2Ms: 40 }
    const peer = await startPeer()
    cleanups.defer(peer.close)
    const { transport } = await connectedTransport(peer.port, timers)

    await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKnobody' }))
    await delay(64 * timers.t1Ms + 300)
    await expectNoMoreDatagrams(peer, 4 * timers.t2Ms)

    expect(peer.received.length).toBeGreaterThan(4)
  })

  it('stops retransmitting, clears its timers and refuses to send once disconnected', { timeout: 5000 }, async () => {
    const peer = await startPeer()
    cleanups.defer(peer.close)
    // Only the transport's own timers are faked, so the count below is exactly theirs.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    cleanups.defer(async () => vi.useRealTimers())
    const { transport } = await connectedTransport(peer.port)

    await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKbye' }))
    const timersWhileRetransmitting = vi.getTimerCount()
    await transport.disconnect()
    const timersAfterDisconnect = vi.getTimerCount()
    vi.advanceTimersByTime(64 * FAST.t1Ms)
    vi.useRealTimers()
    await delay(50)

    expect(timersWhileRetransmitting).toBeGreaterThan(0)
    expect(timersAfterDisconnect).toBe(0)
    expect(peer.received).toHaveLength(1)
    expect(transport.state).toBe('Disconnected')
    await expect(transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKlate' }))).rejects.toThrow(
      /not connected/
    )
  })

  it('accepts datagrams only from the server it connected to, and drops keep-alives', { timeout: 5000 }, async () => {
    const peer = await startPeer()
    cleanups.defer(peer.close)
    const { transport, messages } = await connectedTransport(peer.port)
    await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKhello' }))
    await waitUntil(() => peer.received.length > 0)

    const stranger = dgram.createSocket('udp4')
    cleanups.defer(() => new Promise<void>((resolve) => stranger.close(() => resolve())))
    await new Promise((resolve) =>
      stranger.send(
        sipRequest({ protocol: 'UDP', branch: 'z9hG4bKstranger' }),
        transport.localPort!,
        '127.0.0.1',
        resolve
      )
    )
    await delay(50)
    peer.send('\r\n\r\n')
    peer.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKserver', method: 'NOTIFY' }))
    await waitUntil(() => messages.length > 0)
    await delay(50)

    expect(messages.map(branchOf)).toEqual(['z9hG4bKserver'])
  })

  it('sends our responses to the server unchanged', { timeout: 5000 }, async () => {
    const peer = await startPeer()
    cleanups.defer(peer.close)
    const { transport } = await connectedTransport(peer.port)
    const notify = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKnotify', method: 'NOTIFY' }).replace(
      VIA_HOST,
      '127.0.0.1:5060'
    )
    const ok = sipResponse(notify, 200)

    await transport.send(ok)
    await waitUntil(() => peer.received.length === 1)
    await delay(3 * FAST.t1Ms)

    expect(peer.received.map((d) => d.text)).toEqual([ok])
  })

  it(
    'answers a request with a local 503 at once when nothing listens at the server port',
    { timeout: 5000 },
    async () => {
      const peer = await startPeer()
      const port = peer.port
      await peer.close()
      const { transport, messages, disconnects } = await connectedTransport(port, { t1Ms: 500, t2Ms: 4000 })
      const request = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKclosed', method: 'REFER' })

      await transport.send(request)
      await waitUntil(() => messages.length > 0, 1000, 'the 503')

      expect(messages).toHaveLength(1)
      expect(messages[0]).toMatch(/^SIP\/2\.0 503 /)
      expect(branchOf(messages[0])).toBe('z9hG4bKclosed')
      expect(topVia(messages[0])).toContain(VIA_HOST)
      expect(messages[0]).toMatch(/^CSeq: .*REFER$/m)
      expect(messages[0]).toMatch(/^Warning: 399 deskdial ".*ICMP port unreachable\)"$/m)
      expect(disconnects).toEqual([])
      expect(transport.isConnected()).toBe(true)
    }
  )

  it(
    'traces every datagram it sends and receives, retransmissions included, keep-alives not',
    { timeout: 5000 },
    async () => {
      const peer = await startPeer((text, index) => (index < 2 ? undefined : sipResponse(text, 200)))
      cleanups.defer(peer.close)
      const traced: SipTraceEntry[] = []
      const { transport, messages } = recordingTransport({
        protocol: 'udp',
        host: '127.0.0.1',
        port: peer.port,
        retransmitTimers: FAST,
        onTrace: (entry) => traced.push(entry)
      })
      cleanups.defer(() => transport.dispose())
      await transport.connect()

      await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKtraced' }))
      await waitUntil(() => messages.length === 1, 2000, 'the 200 OK')
      peer.send('\r\n\r\n')
      await expectNoMoreDatagrams(peer, 4 * FAST.t2Ms)

      const peerAddress = `127.0.0.1:${peer.port}`
      const sent = traced.filter((entry) => entry.direction === 'sent')
      expect(sent.map(({ text, transport, peer }) => ({ text, transport, peer }))).toEqual(
        peer.received.map(({ text }) => ({ text, transport: 'UDP', peer: peerAddress }))
      )
      expect(sent.length).toBeGreaterThanOrEqual(3)
      const received = traced.filter((entry) => entry.direction === 'received')
      expect(received.map((entry) => entry.text)).toEqual([sipResponse(peer.received[2].text, 200)])
      expect(traced.every((entry) => Number.isFinite(entry.at) && entry.note === undefined)).toBe(true)
    }
  )

  it('traces the 503 it makes up for ICMP port unreachable as made by DeskDial', { timeout: 5000 }, async () => {
    const peer = await startPeer()
    const port = peer.port
    await peer.close()
    const traced: SipTraceEntry[] = []
    const { transport, messages } = recordingTransport({
      protocol: 'udp',
      host: '127.0.0.1',
      port,
      onTrace: (entry) => traced.push(entry)
    })
    cleanups.defer(() => transport.dispose())
    await transport.connect()

    await transport.send(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKclosed', method: 'REFER' }))
    await waitUntil(() => messages.length > 0, 1000, 'the 503')

    expect(traced.map((entry) => [entry.direction, entry.text.split('\r\n')[0], entry.note])).toEqual([
      ['sent', 'REFER sip:desk@127.0.0.1 SIP/2.0', undefined],
      ['received', 'SIP/2.0 503 Service Unavailable', 'made by DeskDial: the port is closed (ICMP port unreachable)']
    ])
  })

  it('reports the local address that routes to the server', { timeout: 5000 }, async () => {
    const peer = await startPeer()
    cleanups.defer(peer.close)
    const { transport, states } = await connectedTransport(peer.port)

    expect(transport.protocol).toBe('UDP')
    expect(transport.remote).toBe(`127.0.0.1:${peer.port}`)
    expect(transport.localAddress).toBe('127.0.0.1')
    expect(transport.localPort).toBeGreaterThan(0)
    expect(states).toEqual(['Connecting', 'Connected'])
  })
})
