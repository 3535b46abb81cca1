/**
 * The demo phone system as a presence server, spoken to in raw SIP over loopback UDP: challenged
 * subscriptions, 489 for an unknown event package, the first NOTIFY at once with the full state,
 * `Expires: 0` ending it, NOTIFY retransmission, and hostile input (huge Expires, no Event, a flood)
 * answered and bounded.
 */
import { describe, expect, it } from 'vitest'
import { startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import { useCleanup } from '../sip/support/service-harness'
import { rawUdpPeer, type RawPeer } from './support/raw-udp-peer'

let branches = 0

function subscribe(
  peer: RawPeer,
  pbxPort: number,
  options: { callId: string; event?: string; expires?: string; number?: string; toTag?: string; cseq?: number }
): void {
  const lines = [
    `SUBSCRIBE sip:${options.number ?? '1001'}@127.0.0.1:${pbxPort} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-presence-${++branches}`,
    'Max-Forwards: 70',
    'From: <sip:deskdial@127.0.0.1>;tag=watcher',
    `To: <sip:${options.number ?? '1001'}@127.0.0.1>${options.toTag ? `;tag=${options.toTag}` : ''}`,
    `Call-ID: ${options.callId}`,
    `CSeq: ${options.cseq ?? 1} SUBSCRIBE`,
    `Contact: <sip:deskdial@127.0.0.1:${peer.port}>`,
    ...(options.event === undefined ? [] : [`Event: ${options.event}`]),
    'Accept: application/dialog-info+xml, application/pidf+xml',
    ...(options.expires === undefined ? [] : [`Expires: ${options.expires}`]),
    'Content-Length: 0',
    '',
    ''
  ]
  peer.send(lines.join('\r\n'))
}

const statusOf = (message: string): number => Number(/^SIP\/2\.0 (\d{3})/.exec(message)?.[1])
const headerOf = (message: string, name: string): string | undefined =>
  new RegExp(`^${name}: *(.*)$`, 'mi').exec(message)?.[1]
const responseFor =
  (callId: string, cseq = 1) =>
  (message: string) =>
    message.startsWith('SIP/2.0') && message.includes(`Call-ID: ${callId}\r\n`) && message.includes(`CSeq: ${cseq} `)
const notifiesFor = (peer: RawPeer, callId: string): string[] =>
  peer.received.filter((message) => message.startsWith('NOTIFY ') && message.includes(`Call-ID: ${callId}\r\n`))
const toTagOf = (message: string): string => /^To:.*;tag=([^;\s]+)/m.exec(message)?.[1] ?? ''

describe('the demo phone system as a presence server', () => {
  const track = useCleanup()

  async function setUp(
    options: { password?: string; answerNotifies?: boolean } = {}
  ): Promise<{ pbx: DemoPhoneSystem; peer: RawPeer }> {
    const pbx = track(
      await startDemoPhoneSystem({
        port: 0,
        transport: 'udp',
        account: { user: 'deskdial', password: options.password }
      }),
      (system) => system.stop()
    )
    const peer = track(await rawUdpPeer(pbx.port, { answerNotifies: options.answerNotifies ?? true }), (socket) =>
      socket.close()
    )
    return { pbx, peer }
  }

  it('challenges a SUBSCRIBE without credentials when DeskDial has a password', async () => {
    const { pbx, peer } = await setUp({ password: 'secret' })
    subscribe(peer, pbx.port, { callId: 'no-credentials', event: 'dialog', expires: '600' })
    const answer = await peer.next(responseFor('no-credentials'))
    expect(statusOf(answer)).toBe(401)
    expect(headerOf(answer, 'WWW-Authenticate')).toMatch(/^Digest realm="deskdial-demo"/)
    expect(notifiesFor(peer, 'no-credentials')).toHaveLength(0)
  })

  it('answers 489 Bad Event to an event package it does not know, naming the ones it does', async () => {
    const { pbx, peer } = await setUp()
    subscribe(peer, pbx.port, { callId: 'message-summary', event: 'message-summary', expires: '600' })
    const answer = await peer.next(responseFor('message-summary'))
    expect(statusOf(answer)).toBe(489)
    expect(headerOf(answer, 'Allow-Events')).toBe('dialog, presence')
  })

  it('accepts Event: dialog with 200 and a NOTIFY of the full state at once; Expires: 0 ends it with terminated', async () => {
    const { pbx, peer } = await setUp()
    subscribe(peer, pbx.port, { callId: 'dialog', event: 'dialog', expires: '600' })
    const ok = await peer.next(responseFor('dialog'))
    expect(statusOf(ok)).toBe(200)
    expect(headerOf(ok, 'Expires')).toBe('600')
    await peer.next(() => notifiesFor(peer, 'dialog').length >= 1)
    const first = notifiesFor(peer, 'dialog')[0]
    expect(headerOf(first, 'Event')).toBe('dialog')
    expect(headerOf(first, 'Subscription-State')).toMatch(/^active;expires=(600|599)$/)
    expect(headerOf(first, 'Content-Type')).toBe('application/dialog-info+xml')
    expect(first).toMatch(
      /<dialog-info [^>]*version="0" state="full" entity="sip:1001@127\.0\.0\.1:\d+">\s*<\/dialog-info>/
    )

    subscribe(peer, pbx.port, { callId: 'dialog', event: 'dialog', expires: '0', toTag: toTagOf(ok), cseq: 2 })
    expect(statusOf(await peer.next(responseFor('dialog', 2)))).toBe(200)
    await peer.next(() => notifiesFor(peer, 'dialog').length >= 2)
    const last = notifiesFor(peer, 'dialog')[1]
    expect(headerOf(last, 'Subscription-State')).toMatch(/^terminated/)
    expect(last).toContain('version="1"')
  })

  it('accepts Event: presence with a PIDF document: open, without on-the-phone while idle', async () => {
    const { pbx, peer } = await setUp()
    subscribe(peer, pbx.port, { callId: 'presence', event: 'presence', expires: '600' })
    expect(statusOf(await peer.next(responseFor('presence')))).toBe(200)
    await peer.next(() => notifiesFor(peer, 'presence').length >= 1)
    const first = notifiesFor(peer, 'presence')[0]
    expect(headerOf(first, 'Content-Type')).toBe('application/pidf+xml')
    expect(first).toContain('<basic>open</basic>')
    expect(first).not.toContain('on-the-phone')
  })

  it('notifies every change of a call: early with the remote party, confirmed, on-the-phone in PIDF; a refresh sends the state again', async () => {
    const { pbx, peer } = await setUp()
    subscribe(peer, pbx.port, { callId: 'watch-1002', event: 'dialog', expires: '600', number: '1002' })
    const ok = await peer.next(responseFor('watch-1002'))
    subscribe(peer, pbx.port, { callId: 'presence-1002', event: 'presence', expires: '600', number: '1002' })
    expect(statusOf(await peer.next(responseFor('presence-1002')))).toBe(200)
    await peer.next(() => notifiesFor(peer, 'watch-1002').length >= 1)
    peer.send(
      [
        `REFER sip:1001@127.0.0.1:${pbx.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-presence-refer`,
        'Max-Forwards: 70',
        'From: <sip:deskdial@127.0.0.1>;tag=referrer',
        'To: <sip:1001@127.0.0.1>',
        'Call-ID: refer-1002',
        'CSeq: 1 REFER',
        `Contact: <sip:deskdial@127.0.0.1:${peer.port}>`,
        'Refer-To: <sip:1002@127.0.0.1>',
        'Content-Length: 0',
        '',
        ''
      ].join('\r\n')
    )
    const dialogs = (): string[] => notifiesFor(peer, 'watch-1002')
    await peer.next(() => dialogs().some((notify) => notify.includes('<state>confirmed</state>')), 10_000)
    const early = dialogs().find((notify) => notify.includes('<state>early</state>')) ?? ''
    expect(early).toMatch(/<dialog id="[^"]+" direction="recipient">/)
    expect(early).toMatch(/<remote><identity>sip:1001@127\.0\.0\.1:\d+<\/identity><\/remote>/)
    expect(dialogs().map((notify) => /version="(\d+)"/.exec(notify)?.[1])).toEqual(['0', '1', '2'])
    await peer.next(() => notifiesFor(peer, 'presence-1002').some((notify) => notify.includes('<rpid:on-the-phone/>')))

    subscribe(peer, pbx.port, {
      callId: 'watch-1002',
      event: 'dialog',
      expires: '900',
      toTag: toTagOf(ok),
      cseq: 2,
      number: '1002'
    })
    const refreshed = await peer.next(responseFor('watch-1002', 2))
    expect(statusOf(refreshed)).toBe(200)
    expect(headerOf(refreshed, 'Expires')).toBe('900')
    await peer.next(() => dialogs().length >= 4)
    expect(dialogs()[3]).toContain('version="3"')
    expect(dialogs()[3]).toContain('<state>confirmed</state>')
  })

  it('sends its first NOTIFY again, unchanged, until it is answered (UDP)', async () => {
    const { pbx, peer } = await setUp({ answerNotifies: false })
    subscribe(peer, pbx.port, { callId: 'unanswered', event: 'dialog', expires: '600' })
    expect(statusOf(await peer.next(responseFor('unanswered')))).toBe(200)
    await peer.next(() => notifiesFor(peer, 'unanswered').length >= 2)
    expect(notifiesFor(peer, 'unanswered')[1]).toBe(notifiesFor(peer, 'unanswered')[0])
  })

  it('bounds a huge Expires, refuses a SUBSCRIBE without Event, and caps a flood of subscriptions', async () => {
    const { pbx, peer } = await setUp()
    subscribe(peer, pbx.port, { callId: 'huge', event: 'dialog', expires: '4294967295' })
    const huge = await peer.next(responseFor('huge'))
    expect(statusOf(huge)).toBe(200)
    expect(headerOf(huge, 'Expires')).toBe('3600')
    subscribe(peer, pbx.port, { callId: 'no-event', expires: '600' })
    expect(statusOf(await peer.next(responseFor('no-event')))).toBe(400)
    subscribe(peer, pbx.port, { callId: 'bad-expires', event: 'dialog', expires: '1e9' })
    expect(statusOf(await peer.next(responseFor('bad-expires')))).toBe(400)

    // One watcher may hold 200 subscriptions (the one above is the first); in bursts the socket buffers hold.
    const total = 240
    for (let burst = 0; burst < total; burst += 40) {
      for (let index = burst; index < burst + 40; index++)
        subscribe(peer, pbx.port, { callId: `flood-${index}`, event: 'dialog', expires: '600', number: `2${index}` })
      await peer.next(responseFor(`flood-${burst + 39}`))
    }
    const statuses = peer.received
      .filter((message) => message.startsWith('SIP/2.0') && message.includes('Call-ID: flood-'))
      .map(statusOf)
    expect(statuses.filter((status) => status === 200)).toHaveLength(199)
    expect(statuses.filter((status) => status === 503)).toHaveLength(total - 199)
    subscribe(peer, pbx.port, { callId: 'still-there', event: 'presence', expires: '0' })
    expect(statusOf(await peer.next(responseFor('still-there')))).toBe(503)
  })
})
