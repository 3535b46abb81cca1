import { createHash, randomBytes } from 'node:crypto'

/**
 * HTTP Digest credentials for SIP (RFC 2617, RFC 8760), used in place of sip.js's MD5-only
 * implementation: sip.js asks its `authenticationFactory` for an object with this shape and calls
 * `authenticate()` with the parsed challenge of a 401/407, then `toString()` for the header value.
 */

/** Algorithms we answer, strongest first (RFC 8760 §2.6: prefer the strongest the client supports). */
export const SUPPORTED_DIGEST_ALGORITHMS = ['SHA-512-256', 'SHA-256', 'MD5'] as const
export type DigestAlgorithm = (typeof SUPPORTED_DIGEST_ALGORITHMS)[number]

const NODE_HASH: Record<DigestAlgorithm, string> = { 'SHA-512-256': 'sha512-256', 'SHA-256': 'sha256', MD5: 'md5' }

/** The challenge as sip.js's grammar parses a WWW-Authenticate / Proxy-Authenticate value. */
export interface DigestChallenge {
  realm?: string
  nonce?: string
  opaque?: string
  stale?: boolean
  algorithm?: string
  qop?: string[] | string
}

/** The part of sip.js's OutgoingRequestMessage the digest needs. */
export interface DigestRequest {
  method: string
  ruri: { toString(): string }
  body?: { body: string } | undefined
}

export function parseDigestAlgorithm(
  value: string | undefined
): { algorithm: DigestAlgorithm; session: boolean } | undefined {
  const name = (value ?? 'MD5').trim().toUpperCase()
  const session = name.endsWith('-SESS')
  const base = session ? name.slice(0, -'-SESS'.length) : name
  const algorithm = SUPPORTED_DIGEST_ALGORITHMS.find((a) => a === base)
  return algorithm ? { algorithm, session } : undefined
}

function quote(value: string): string {
  return '"' + value.replace(/[\\"]/g, (c) => '\\' + c) + '"'
}

export class DigestCredentials {
  readonly #username: string
  readonly #password: string
  readonly #makeCnonce: () => string
  #nc = 0
  #header: string | undefined

  constructor(username: string, password: string, makeCnonce: () => string = () => randomBytes(12).toString('hex')) {
    this.#username = username
    this.#password = password
    this.#makeCnonce = makeCnonce
  }

  /** Computes the answer to `challenge`; false when the challenge is unusable (sip.js then reports the 401/407 as it is). */
  authenticate(request: DigestRequest, challenge: DigestChallenge): boolean {
    const parsed = parseDigestAlgorithm(challenge.algorithm)
    if (!parsed || !challenge.realm || !challenge.nonce) return false
    const offered = Array.isArray(challenge.qop) ? challenge.qop : challenge.qop ? challenge.qop.split(',') : []
    const qops = offered.map((q) => q.trim().toLowerCase())
    const qop =
      qops.length === 0 ? undefined : qops.includes('auth') ? 'auth' : qops.includes('auth-int') ? 'auth-int' : null
    if (qop === null) return false

    const hash = (text: string): string => createHash(NODE_HASH[parsed.algorithm]).update(text, 'utf8').digest('hex')
    const uri = request.ruri.toString()
    const cnonce = this.#makeCnonce()
    this.#nc += 1
    const nc = this.#nc.toString(16).padStart(8, '0')

    let ha1 = hash(`${this.#username}:${challenge.realm}:${this.#password}`)
    if (parsed.session) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`)
    const ha2 =
      qop === 'auth-int'
        ? hash(`${request.method}:${uri}:${hash(request.body?.body ?? '')}`)
        : hash(`${request.method}:${uri}`)
    const response = qop
      ? hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`)
      : hash(`${ha1}:${challenge.nonce}:${ha2}`)

    const params = [
      `username=${quote(this.#username)}`,
      `realm=${quote(challenge.realm)}`,
      `nonce=${quote(challenge.nonce)}`,
      `uri=${quote(uri)}`,
      `response=${quote(response)}`,
      `algorithm=${parsed.algorithm}${parsed.session ? '-sess' : ''}`
    ]
    if (challenge.opaque !== undefined) params.push(`opaque=${quote(challenge.opaque)}`)
    if (qop) params.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(cnonce)}`)
    this.#header = 'Digest ' + params.join(', ')
    return true
  }

  toString(): string {
    if (!this.#header) throw new Error('Digest credentials used before a challenge was answered.')
    return this.#header
  }
}
