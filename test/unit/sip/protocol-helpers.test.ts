import { describe, expect, it } from 'vitest'
import { backoffDelayMs, parseRetryAfterSeconds } from '../../../src/main/sip/backoff'
import { callFailedReason, referRefusedReason } from '../../../src/main/sip/call-messages'
import { parseServerAddress } from '../../../src/shared/server-address'
import { parseSipfrag } from '../../../src/main/sip/sipfrag'
import { maskSecret } from '../../../src/shared/mask-secret'

describe('sipfrag status lines', () => {
  it.each([
    ['SIP/2.0 100 Trying', 100, 'Trying'],
    ['SIP/2.0 180 Ringing\r\n', 180, 'Ringing'],
    ['SIP/2.0 200 OK\r\nContact: <sip:x>\r\n', 200, 'OK'],
    ['\r\nSIP/2.0 486 Busy Here', 486, 'Busy Here'],
    ['SIP/2.0 603', 603, '']
  ])('reads %j', (body, code, reason) => {
    expect(parseSipfrag(body)).toEqual({ code, reason })
  })

  it.each([
    '',
    'SIP/2.0 abc',
    'SIP/2.0 99 Low',
    'SIP/2.0 700 High',
    'HTTP/1.1 200 OK',
    'INVITE sip:x SIP/2.0',
    '\u0000\u0001'
  ])('rejects %j', (body) => {
    expect(parseSipfrag(body)).toBeUndefined()
  })
})

describe('what people read', () => {
  it('maps REFER refusals and call failures as the protocol brief says', () => {
    expect(referRefusedReason(403)).toMatch(/refused the call/)
    expect(referRefusedReason(404)).toMatch(/desk phone is not registered/)
    expect(referRefusedReason(405)).toMatch(/does not accept click-to-dial/)
    expect(referRefusedReason(407)).toBe('Wrong user name or password')
    expect(referRefusedReason(408)).toMatch(/did not answer/)
    expect(callFailedReason(486)).toBe('The number is busy')
    expect(callFailedReason(484)).toMatch(/incomplete/)
    expect(callFailedReason(487)).toBe('Nobody answered')
    expect(callFailedReason(599)).toMatch(/SIP 599/)
  })
})

describe('retry timing', () => {
  it('doubles from 2 s to 5 min with jitter in the upper half', () => {
    const policy = { initialMs: 2_000, maxMs: 300_000 }
    expect(backoffDelayMs(1, policy, () => 0)).toBe(1_000)
    expect(backoffDelayMs(1, policy, () => 1)).toBe(2_000)
    expect(backoffDelayMs(3, policy, () => 1)).toBe(8_000)
    expect(backoffDelayMs(30, policy, () => 1)).toBe(300_000)
    expect(backoffDelayMs(30, policy, () => 0)).toBe(150_000)
  })

  it('honours Retry-After in seconds and ignores nonsense', () => {
    expect(parseRetryAfterSeconds('120')).toBe(120)
    expect(parseRetryAfterSeconds('18000;duration=3600')).toBeUndefined()
    expect(parseRetryAfterSeconds('30 (lunch);duration=10')).toBe(30)
    expect(parseRetryAfterSeconds('soon')).toBeUndefined()
    expect(parseRetryAfterSeconds('0')).toBeUndefined()
    expect(parseRetryAfterSeconds(undefined)).toBeUndefined()
  })
})

describe('server addresses', () => {
  it('reads host, host:port and [IPv6]:port with the transport default port', () => {
    expect(parseServerAddress('pbx.example.com', 'udp')).toEqual({ host: 'pbx.example.com', port: 5060 })
    expect(parseServerAddress(' 10.1.1.1:5070 ', 'tcp')).toEqual({ host: '10.1.1.1', port: 5070 })
    expect(parseServerAddress('pbx', 'tls')).toEqual({ host: 'pbx', port: 5061 })
    expect(parseServerAddress('[::1]:5062', 'udp')).toEqual({ host: '::1', port: 5062 })
  })

  it.each(['', 'pbx:0', 'pbx:70000', 'pbx:abc', 'sip:pbx', 'pbx/evil', 'pb x', 'pbx;transport=tcp', '-pbx', '[zz]:1'])(
    'refuses %j with a sentence',
    (text) => {
      expect(() => parseServerAddress(text, 'udp')).toThrow(/server address|port/)
    }
  )
})

describe('passwords in logs', () => {
  it('masks every occurrence of a real password and leaves very short ones alone', () => {
    expect(maskSecret('user:s3cret!:s3cret!', 's3cret!')).toBe('user:********:********')
    expect(maskSecret('Stopping sip:deskdial', 'p')).toBe('Stopping sip:deskdial')
    expect(maskSecret('nothing to hide', undefined)).toBe('nothing to hide')
  })
})
