import { describe, expect, it } from 'vitest'
import { SipMessageLog } from '../../../src/main/diagnostics'
import type { SipTraceEntry } from '../../../src/shared/sip-trace'

function request(method: string, branch: string, callId: string, extra: string[] = []): string {
  return [
    `${method} sip:1001@pbx.example SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.2:5060;rport;branch=${branch}`,
    `Call-ID: ${callId}`,
    `CSeq: 1 ${method}`,
    ...extra,
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

function response(status: string, branch: string, callId: string, method: string): string {
  return [
    `SIP/2.0 ${status}`,
    `v: SIP/2.0/UDP 127.0.0.2:5060;branch=${branch}`,
    `i: ${callId}`,
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

function entry(text: string, direction: SipTraceEntry['direction'] = 'sent', at = 1_000): SipTraceEntry {
  return { at, direction, transport: 'UDP', peer: '127.0.0.1:5060', text }
}

describe('SipMessageLog', () => {
  it('keeps messages oldest first with their time, direction, transport, peer and call', () => {
    const log = new SipMessageLog()
    log.add(entry(request('REFER', 'z9hG4bKa', 'call-1'), 'sent', 1_000))
    log.add({
      ...entry(response('202 Accepted', 'z9hG4bKa', 'call-1', 'REFER'), 'received', 1_020),
      transport: 'TCP',
      peer: '[::1]:5070'
    })
    expect(
      log.messages().map(({ seq, at, direction, transport, peer, firstLine, callId }) => ({
        seq,
        at,
        direction,
        transport,
        peer,
        firstLine,
        callId
      }))
    ).toEqual([
      {
        seq: 1,
        at: 1_000,
        direction: 'sent',
        transport: 'UDP',
        peer: '127.0.0.1:5060',
        firstLine: 'REFER sip:1001@pbx.example SIP/2.0',
        callId: 'call-1'
      },
      {
        seq: 2,
        at: 1_020,
        direction: 'received',
        transport: 'TCP',
        peer: '[::1]:5070',
        firstLine: 'SIP/2.0 202 Accepted',
        callId: 'call-1'
      }
    ])
  })

  it('drops the oldest messages first once full, and never holds more than its capacity', () => {
    const log = new SipMessageLog(3)
    for (let index = 1; index <= 10_000; index += 1)
      log.add(entry(request('OPTIONS', `z9hG4bK${index}`, `call-${index}`)))
    expect(log.size).toBe(3)
    expect(log.messages().map((message) => [message.seq, message.callId])).toEqual([
      [9_998, 'call-9998'],
      [9_999, 'call-9999'],
      [10_000, 'call-10000']
    ])
  })

  it('gives the messages of one call, in order', () => {
    const log = new SipMessageLog()
    log.add(entry(request('REGISTER', 'z9hG4bKr', 'registration')))
    log.add(entry(request('REFER', 'z9hG4bKa', 'call-1')))
    log.add(entry(response('200 OK', 'z9hG4bKr', 'registration', 'REGISTER'), 'received'))
    log.add(entry(request('NOTIFY', 'z9hG4bKn', 'call-1'), 'received'))
    expect(log.messages('call-1').map((message) => message.firstLine.split(' ')[0])).toEqual(['REFER', 'NOTIFY'])
    expect(log.messages('nobody')).toEqual([])
  })

  it('marks a retransmission: the same request or response of the same transaction, in the same direction', () => {
    const log = new SipMessageLog()
    const marks = [
      log.add(entry(request('REFER', 'z9hG4bKa', 'call-1'))),
      log.add(entry(request('REFER', 'z9hG4bKa', 'call-1'))),
      log.add(entry(response('100 Trying', 'z9hG4bKa', 'call-1', 'REFER'), 'received')),
      log.add(entry(response('202 Accepted', 'z9hG4bKa', 'call-1', 'REFER'), 'received')),
      log.add(entry(response('202 Accepted', 'z9hG4bKa', 'call-1', 'REFER'), 'received')),
      // A digest retry is a new transaction: a new branch and CSeq.
      log.add(entry(request('REFER', 'z9hG4bKb', 'call-1'))),
      // The same text the other way round is not a retransmission.
      log.add(entry(request('REFER', 'z9hG4bKb', 'call-1'), 'received')),
      // Without a branch only the same text counts.
      log.add(entry('OPTIONS sip:pbx SIP/2.0\r\nCall-ID: x\r\n\r\n')),
      log.add(entry('OPTIONS sip:pbx SIP/2.0\r\nCall-ID: x\r\n\r\n')),
      log.add(entry('OPTIONS sip:pbx SIP/2.0\r\nCall-ID: y\r\n\r\n'))
    ].map((message) => message.retransmission)
    expect(marks).toEqual([false, true, false, false, true, false, false, false, true, false])
  })

  it('keeps no secret: messages are redacted as they are added', () => {
    const log = new SipMessageLog()
    const secret =
      'Proxy-Authorization: Digest username="deskdial", nonce="n0nce", response="6629fae49393a05397450978507c4ef1", cnonce="c0nce"'
    const logged = log.add(entry(request('REFER', 'z9hG4bKa', 'call-1', [secret])))
    for (const text of [logged.text, log.messages()[0].text]) {
      expect(text).toContain(
        'Proxy-Authorization: Digest username="deskdial", nonce="redacted", response="redacted", cnonce="redacted"'
      )
      expect(text).not.toMatch(/6629fae4|n0nce|c0nce/)
    }
  })

  it('marks who made a message up', () => {
    const log = new SipMessageLog()
    const logged = log.add({
      ...entry(response('503 Service Unavailable', 'z9hG4bKa', 'call-1', 'REFER'), 'received'),
      note: 'made by DeskDial'
    })
    expect(logged.note).toBe('made by DeskDial')
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses a capacity of %s with a sentence', (capacity) => {
    expect(() => new SipMessageLog(capacity)).toThrow(/at least one message/)
  })
})
