/**
 * Digest authentication on the server side (RFC 3261 §22, RFC 7616, RFC 8760): challenges that
 * offer SHA-256 and MD5 (one WWW-Authenticate header each, preferred first), and checking the
 * Authorization a client sends back. Nonces are signed timestamps, so no state is kept per client.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { headerValues, type SipRequest } from './sip-message'

const NONCE_LIFETIME_MS = 5 * 60_000
const ALGORITHMS = { 'SHA-256': 'sha256', MD5: 'md5' } as const
export type DigestAlgorithm = keyof typeof ALGORITHMS
export const DIGEST_ALGORITHMS = Object.keys(ALGORITHMS) as DigestAlgorithm[]

export type DigestVerdict = 'valid' | 'missing' | 'wrong' | 'stale'

function parseDigest(value: string): Map<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(value)
  if (!match) return undefined
  const fields = new Map<string, string>()
  for (const part of match[1].matchAll(/([A-Za-z0-9-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    fields.set(part[1].toLowerCase(), part[2] ?? part[3])
  }
  return fields
}

export class DigestChallenger {
  readonly #realm: string
  readonly #algorithms: readonly DigestAlgorithm[]
  readonly #secret = randomBytes(32)

  /** `algorithms` in order of preference; the challenges offer these, and answers using others are refused. */
  constructor(realm: string, algorithms: readonly DigestAlgorithm[] = DIGEST_ALGORITHMS) {
    this.#realm = realm
    this.#algorithms = algorithms
  }

  #nonce(now: number): string {
    const stamp = now.toString(36)
    return `${stamp}.${createHmac('sha256', this.#secret).update(stamp).digest('base64url').slice(0, 22)}`
  }

  /** 'fresh', 'stale' (ours but expired) or 'foreign'. */
  #checkNonce(nonce: string): 'fresh' | 'stale' | 'foreign' {
    const [stamp, signature] = nonce.split('.')
    if (!stamp || !signature) return 'foreign'
    const expected = Buffer.from(this.#nonce(parseInt(stamp, 36)).split('.')[1])
    const given = Buffer.from(signature)
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'foreign'
    return Date.now() - parseInt(stamp, 36) > NONCE_LIFETIME_MS ? 'stale' : 'fresh'
  }

  /** WWW-Authenticate headers for a 401, one per algorithm, preferred first (RFC 8760 §2.4). */
  challengeHeaders(stale: boolean): Array<[string, string]> {
    const nonce = this.#nonce(Date.now())
    return this.#algorithms.map((algorithm) => [
      'WWW-Authenticate',
      `Digest realm="${this.#realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`
    ])
  }

  /** Checks the request's Authorization for this user and password. */
  verify(request: SipRequest, user: string, password: string): DigestVerdict {
    const candidates = headerValues(request, 'authorization')
      .map(parseDigest)
      .filter((fields): fields is Map<string, string> => fields !== undefined && fields.get('realm') === this.#realm)
    if (candidates.length === 0) return 'missing'
    let stale = false
    for (const fields of candidates) {
      const algorithm = (fields.get('algorithm') ?? 'MD5').toUpperCase() as DigestAlgorithm
      const hashName = this.#algorithms.includes(algorithm) ? ALGORITHMS[algorithm] : undefined
      const nonce = fields.get('nonce') ?? ''
      if (!hashName || fields.get('username') !== user) continue
      const nonceState = this.#checkNonce(nonce)
      if (nonceState === 'foreign') continue
      const hash = (text: string): string => createHash(hashName).update(text).digest('hex')
      const ha1 = hash(`${user}:${this.#realm}:${password}`)
      const ha2 = hash(`${request.method}:${fields.get('uri') ?? ''}`)
      const qop = fields.get('qop')
      const expected = qop
        ? hash(`${ha1}:${nonce}:${fields.get('nc') ?? ''}:${fields.get('cnonce') ?? ''}:${qop}:${ha2}`)
        : hash(`${ha1}:${nonce}:${ha2}`)
      if (expected !== (fields.get('response') ?? '').toLowerCase()) continue
      if (nonceState === 'stale') {
        stale = true
        continue
      }
      return 'valid'
    }
    return stale ? 'stale' : 'wrong'
  }
}
