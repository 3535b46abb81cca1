import { describe, expect, it } from 'vitest'
import { keepStrongestChallenge } from '../../../src/main/sip/challenge-selection'

function response(status: string, challenges: string[]): string {
  return [
    `SIP/2.0 ${status}`,
    'Via: SIP/2.0/UDP h;branch=z9hG4bK1',
    'Call-ID: c',
    'CSeq: 1 REGISTER',
    ...challenges,
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

describe('choosing among several digest challenges', () => {
  it('keeps SHA-256 over MD5 whatever the order', () => {
    const md5 = 'WWW-Authenticate: Digest realm="r", nonce="1", algorithm=MD5'
    const sha = 'WWW-Authenticate: Digest realm="r", nonce="2", algorithm=SHA-256'
    for (const order of [
      [md5, sha],
      [sha, md5]
    ]) {
      const out = keepStrongestChallenge(response('401 Unauthorized', order))
      expect(out).toContain(sha)
      expect(out).not.toContain(md5)
      expect(out.endsWith('\r\n\r\n')).toBe(true)
    }
  })

  it('prefers a supported algorithm over a stronger-sounding unknown one, and handles Proxy-Authenticate', () => {
    const unknown = 'Proxy-Authenticate: Digest realm="r", nonce="1", algorithm=SHA3-512'
    const md5 = 'proxy-authenticate: Digest realm="r", nonce="2"'
    const out = keepStrongestChallenge(response('407 Proxy Authentication Required', [md5, unknown]))
    expect(out).toContain(md5)
    expect(out).not.toContain(unknown)
  })

  it('leaves other messages untouched', () => {
    const two = [
      'WWW-Authenticate: Digest realm="r", nonce="1"',
      'WWW-Authenticate: Digest realm="r", nonce="2", algorithm=SHA-256'
    ]
    const ok = response('200 OK', two)
    expect(keepStrongestChallenge(ok)).toBe(ok)
    const single = response('401 Unauthorized', [two[0]])
    expect(keepStrongestChallenge(single)).toBe(single)
    expect(keepStrongestChallenge('SIP/2.0 401 no end of headers')).toBe('SIP/2.0 401 no end of headers')
  })
})
