/**
 * Bad input to the demo phone system, sent raw over loopback UDP and TCP: malformed messages,
 * unknown methods, floods. Each is answered 400/405/501 or dropped, the tables stay bounded, and
 * the server keeps answering. Also its own retransmissions: an unanswered NOTIFY is sent again.
 */
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import { useCleanup } from '../sip/support/service-harness'
import { rawUdpPeer, type RawPeer } from './support/raw-udp-peer'

let branches = 0

function request(
  method: string,
  peerPort: number,
  pbxPort: number,
  options: { callId?: string; extra?: string[]; user?: string } = {}
): string {
  const user = options.user ?? '1001'
  return [
    `${method} sip:${user}@127.0.0.1:${pbxPort} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peerPort};branch=z9hG4bK-hostile-${++branches}`,
    'Max-Forwards: 70',
    `From: <sip:${user}@127.0.0.1>;tag=hostile`,
    `To: <sip:${user}@127.0.0.1>`,
    `Call-ID: ${options.callId ?? `hostile-${branches}`}`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:${user}@127.0.0.1:${peerPort}>`,
    ...(options.extra ?? []),
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

const statusOf = (message: string): number => Number(/^SIP\/2\.0 (\d{3})/.exec(message)?.[1])
const forCallId = (callId: string) => (message: string) =>
  message.startsWith('SIP/2.0') && message.includes(`Call-ID: ${callId}\r\n`)

describe('the demo phone system under bad input', () => {
  const track = useCleanup()

  async function setUp(): Promise<{ pbx: DemoPhoneSystem; peer: RawPeer; log: string[] }> {
    const log: string[] = []
    const pbx = track(await startDemoPhoneSystem({ port: 0, log: (line) => log.push(line) }), (system) => system.stop())
    const peer = track(await rawUdpPeer(pbx.port), (socket) => socket.close())
    return { pbx, peer, log }
  }

  async function stillAnswers(pbx: DemoPhoneSystem, peer: RawPeer): Promise<void> {
    peer.send(request('OPTIONS', peer.port, pbx.port, { callId: 'still-there' }))
    expect(statusOf(await peer.next(forCallId('still-there')))).toBe(200)
  }

  it('answers 400 to a request without CSeq, 501 to an unknown method, 405 to PUBLISH, 400 to two Refer-To, and drops garbage', async () => {
    const { pbx, peer } = await setUp()
    peer.send('\u0000\u0001 not SIP at all \r\n\r\n')
    peer.send('INVITE sip:x SIP/2.0\r\nVia: nonsense\r\n\r\n')
    const noCSeq = request('OPTIONS', peer.port, pbx.port, { callId: 'no-cseq' }).replace(/CSeq: [^\r]*\r\n/, '')
    peer.send(noCSeq)
    expect(statusOf(await peer.next(forCallId('no-cseq')))).toBe(400)
    peer.send(request('FROBNICATE', peer.port, pbx.port, { callId: 'unknown' }))
    expect(statusOf(await peer.next(forCallId('unknown')))).toBe(501)
    peer.send(request('PUBLISH', peer.port, pbx.port, { callId: 'subscribe' }))
    expect(statusOf(await peer.next(forCallId('subscribe')))).toBe(405)
    peer.send(
      request('REFER', peer.port, pbx.port, {
        callId: 'two-refer-to',
        extra: ['Refer-To: <sip:1002@127.0.0.1>', 'Refer-To: <sip:1003@127.0.0.1>']
      })
    )
    expect(statusOf(await peer.next(forCallId('two-refer-to')))).toBe(400)
    await stillAnswers(pbx, peer)
    expect(peer.received.filter((message) => message.startsWith('SIP/2.0'))).toHaveLength(5)
  })

  it('keeps registrations bounded under a flood of REGISTERs for new numbers, and keeps answering', async () => {
    const { pbx, peer } = await setUp()
    const numbers = 1_100
    // In bursts of 50, each burst answered before the next: loopback UDP drops what overflows the socket buffers.
    for (let burst = 0; burst < numbers; burst += 50) {
      for (let index = burst; index < burst + 50; index++)
        peer.send(request('REGISTER', peer.port, pbx.port, { callId: `flood-${index}`, user: `5${index}` }))
      await peer.next(forCallId(`flood-${burst + 49}`))
    }
    const statuses = peer.received.filter((message) => message.includes('CSeq: 1 REGISTER')).map(statusOf)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1_000)
    expect(statuses.filter((status) => status === 503)).toHaveLength(numbers - 1_000)
    expect(pbx.registeredPhones).toHaveLength(1_000)
    await stillAnswers(pbx, peer)
  })

  it('closes a TCP connection that sends more than a message can hold without a complete message', async () => {
    const { pbx, peer } = await setUp()
    const socket = net.connect(pbx.port, '127.0.0.1')
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
    socket.on('error', () => undefined)
    socket.write(`OPTIONS sip:x SIP/2.0\r\nX-Filler: ${'a'.repeat(20_000)}`)
    await closed
    await stillAnswers(pbx, peer)
  })

  it('sends its NOTIFY again, unchanged, until it is answered (UDP)', async () => {
    const { pbx, peer } = await setUp()
    peer.send(
      request('REFER', peer.port, pbx.port, {
        callId: 'unanswered-notify',
        user: '1001',
        extra: ['Refer-To: <sip:1002@127.0.0.1>']
      })
    )
    expect(statusOf(await peer.next(forCallId('unanswered-notify')))).toBe(202)
    const notifies = (): string[] => peer.received.filter((message) => message.startsWith('NOTIFY '))
    await peer.next(() => notifies().length >= 2)
    expect(notifies()[1]).toBe(notifies()[0])
    expect(notifies()[0]).toMatch(/\r\n\r\nSIP\/2\.0 100 Trying/)
  })
})
