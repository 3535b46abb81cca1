import { Core } from 'sip.js'
import { describe, expect, it } from 'vitest'
import {
  formatSentBy,
  restoreResponseVia,
  rewriteRequestVia,
  topViaBranch
} from '../../../../src/main/sip/transport/via-rewriter'

const VIA_HOST = 'k3j9a0x2mq7v.invalid'
const SENT_BY = '192.168.1.20:40123'

function request(viaLines: string[], body = ''): string {
  return [
    'REFER sip:1001@pbx.example SIP/2.0',
    'X-Note: v: SIP/2.0/UDP decoy.example;branch=z9hG4bKdecoy',
    ...viaLines,
    'CSeq: 1 REFER',
    `Content-Length: ${body.length}`,
    '',
    body
  ].join('\r\n')
}

function response(viaLines: string[]): string {
  return [
    'SIP/2.0 202 Accepted',
    ...viaLines,
    'To: <sip:1001@pbx.example>;tag=a',
    'From: <sip:app@pbx.example>;tag=b',
    'Call-ID: c1',
    'CSeq: 1 REFER',
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

describe('rewriteRequestVia', () => {
  it.each([
    [
      'keeps an existing rport',
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1;rport`,
      `Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1;rport`
    ],
    [
      'adds rport when missing',
      `Via: SIP/2.0/TCP ${VIA_HOST};branch=z9hG4bK1`,
      `Via: SIP/2.0/TCP ${SENT_BY};rport;branch=z9hG4bK1`
    ],
    [
      'handles the compact form',
      `v: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1`,
      `v: SIP/2.0/UDP ${SENT_BY};rport;branch=z9hG4bK1`
    ],
    [
      'handles odd case and spacing',
      `VIA :  SIP / 2.0 / TLS ${VIA_HOST} ;branch=z9hG4bK1`,
      `VIA :  SIP / 2.0 / TLS ${SENT_BY};rport ;branch=z9hG4bK1`
    ],
    [
      'replaces an existing port',
      `Via: SIP/2.0/UDP ${VIA_HOST}:5060;branch=z9hG4bK1;rport`,
      `Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1;rport`
    ],
    [
      'touches only the first of several values on one line',
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1, SIP/2.0/UDP proxy.example:5060;branch=z9hG4bK2;rport`,
      `Via: SIP/2.0/UDP ${SENT_BY};rport;branch=z9hG4bK1, SIP/2.0/UDP proxy.example:5060;branch=z9hG4bK2;rport`
    ],
    [
      'is not fooled by a comma inside a quoted parameter',
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1;x-note="a, b;rport", SIP/2.0/UDP p.example;branch=z9hG4bK2`,
      `Via: SIP/2.0/UDP ${SENT_BY};rport;branch=z9hG4bK1;x-note="a, b;rport", SIP/2.0/UDP p.example;branch=z9hG4bK2`
    ]
  ])('%s', (_case, via, expected) => {
    expect(rewriteRequestVia(request([via]), SENT_BY)).toBe(request([expected]))
  })

  it('leaves later Via header lines alone', () => {
    const second = 'Via: SIP/2.0/UDP proxy.example;branch=z9hG4bK2'
    expect(rewriteRequestVia(request([`Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1;rport`, second]), SENT_BY)).toBe(
      request([`Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1;rport`, second])
    )
  })

  it('never reads a Via out of the body', () => {
    const noVia = request([], `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1`)
    expect(rewriteRequestVia(noVia, SENT_BY)).toBe(noVia)
  })
})

describe('restoreResponseVia', () => {
  it.each([
    [
      'keeps received, rport and branch',
      `Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1;received=203.0.113.9;rport=40999`,
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1;received=203.0.113.9;rport=40999`
    ],
    [
      'handles the compact form',
      `v: SIP/2.0/TCP ${SENT_BY};branch=z9hG4bK1`,
      `v: SIP/2.0/TCP ${VIA_HOST};branch=z9hG4bK1`
    ],
    [
      'handles an IPv6 sent-by',
      'Via: SIP/2.0/UDP [fd00::20]:40123;branch=z9hG4bK1',
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1`
    ],
    [
      'touches only the first value',
      `Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK2`,
      `Via: SIP/2.0/UDP ${VIA_HOST};branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK2`
    ]
  ])('%s', (_case, via, expected) => {
    expect(restoreResponseVia(response([via]), VIA_HOST)).toBe(response([expected]))
  })

  it("passes sip.js's own check: Via host is viaHost and has no port", () => {
    const restored = restoreResponseVia(
      response([`Via: SIP/2.0/UDP ${SENT_BY};branch=z9hG4bK1;received=203.0.113.9;rport=40999`]),
      VIA_HOST
    )
    const parsed = Core.Parser.parseMessage(restored, new Core.LoggerFactory().getLogger('test'))
    expect(parsed?.via.host).toBe(VIA_HOST)
    expect(parsed?.via.port).toBeUndefined()
    expect(parsed?.viaBranch).toBe('z9hG4bK1')
  })
})

describe('topViaBranch', () => {
  it.each([
    [`Via: SIP/2.0/UDP ${VIA_HOST};rport;branch=z9hG4bKa1`, 'z9hG4bKa1'],
    [`v: SIP/2.0/UDP ${VIA_HOST};BRANCH=z9hG4bKa2, SIP/2.0/UDP p.example;branch=z9hG4bKb`, 'z9hG4bKa2'],
    [`Via: SIP/2.0/UDP ${VIA_HOST};x-branch=nope`, undefined]
  ])('reads %s', (via, branch) => {
    expect(topViaBranch(request([via]))).toBe(branch)
  })
})

describe('formatSentBy', () => {
  it('brackets IPv6 addresses', () => {
    expect(formatSentBy('fd00::20', 5060)).toBe('[fd00::20]:5060')
    expect(formatSentBy('10.0.0.20', 5060)).toBe('10.0.0.20:5060')
  })
})
