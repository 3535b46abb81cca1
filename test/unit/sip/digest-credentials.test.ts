import { describe, expect, it } from 'vitest'
import { DigestCredentials, parseDigestAlgorithm } from '../../../src/main/sip/digest-credentials'

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const request = { method: 'GET', ruri: { toString: () => '/dir/index.html' } }
const challenge = {
  realm: 'http-auth@example.org',
  nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
  opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
  qop: ['auth', 'auth-int']
}
const cnonce = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ'

function answer(algorithm: string | undefined, chal: object = challenge): string {
  const credentials = new DigestCredentials('Mufasa', 'Circle of Life', () => cnonce)
  expect(credentials.authenticate(request, { ...chal, algorithm })).toBe(true)
  return credentials.toString()
}

describe('digest credentials', () => {
  it('answers an MD5 challenge as RFC 7616 computes it', () => {
    const header = answer('MD5')
    expect(header).toContain('response="8ca523f5e9506fed4657c9700eebdbec"')
    expect(header).toContain('algorithm=MD5')
    expect(header).toContain('qop=auth, nc=00000001, cnonce="' + cnonce + '"')
    expect(header).toContain('opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"')
  })

  it('answers a SHA-256 challenge as RFC 7616 computes it', () => {
    expect(answer('SHA-256')).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"')
  })

  it('treats a challenge without algorithm as MD5 and answers without qop when none is offered (RFC 2069)', () => {
    const header = answer(undefined, { realm: 'r', nonce: 'n' })
    expect(header).toContain('algorithm=MD5')
    expect(header).not.toContain('qop=')
    expect(header).not.toContain('nc=')
  })

  it('counts nonce uses across retries of one request', () => {
    const credentials = new DigestCredentials('u', 'p', () => 'c')
    credentials.authenticate(request, { realm: 'r', nonce: 'n', qop: 'auth' })
    credentials.authenticate(request, { realm: 'r', nonce: 'n', qop: 'auth' })
    expect(credentials.toString()).toContain('nc=00000002')
  })

  it('refuses challenges it cannot answer honestly', () => {
    const credentials = new DigestCredentials('u', 'p')
    expect(credentials.authenticate(request, { realm: 'r', nonce: 'n', algorithm: 'SHA-1' })).toBe(false)
    expect(credentials.authenticate(request, { nonce: 'n' })).toBe(false)
    expect(credentials.authenticate(request, { realm: 'r' })).toBe(false)
    expect(credentials.authenticate(request, { realm: 'r', nonce: 'n', qop: ['auth-conf'] })).toBe(false)
    expect(() => credentials.toString()).toThrow()
  })

  it('quotes user names so they cannot break out of the header', () => {
    const credentials = new DigestCredentials('evil", response="x', 'p', () => 'c')
    credentials.authenticate(request, { realm: 'r', nonce: 'n' })
    expect(credentials.toString()).toContain('username="evil\\", response=\\"x"')
  })

  it('recognises session variants and rejects unknown algorithms', () => {
    expect(parseDigestAlgorithm('sha-256-sess')).toEqual({ algorithm: 'SHA-256', session: true })
    expect(parseDigestAlgorithm('SHA-512-256')).toEqual({ algorithm: 'SHA-512-256', session: false })
    expect(parseDigestAlgorithm('AKAv1-MD5')).toBeUndefined()
  })
})
