/**
 * Checks digest responses the client sent, read back from SIPp's message trace: SIPp 3.6's
 * <verifyauth> only knows MD5 and only the Authorization header, so SHA-256 (RFC 7616/8760) and
 * Proxy-Authorization are verified here.
 */
import { createHash } from 'node:crypto'

/** The messages SIPp received, from its -trace_msg log. */
export function receivedMessages(messageLog: string | undefined): string[] {
  if (!messageLog) return []
  return messageLog
    .split(/^-{20,}.*$/m)
    .map((entry) => entry.trim())
    .filter((entry) => /^(UDP|TCP|TLS) message received/.test(entry))
    .map((entry) => entry.slice(entry.indexOf('\n')).trim())
}

/** Values of every header with this name (case-insensitive) in a message. */
export function headerValues(message: string, name: string): string[] {
  const head = message.split(/\r?\n\r?\n/, 1)[0]
  return head
    .split(/\r?\n/)
    .slice(1)
    .map((line) => /^([^:]+):(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[1].trim().toLowerCase() === name.toLowerCase())
    .map((match) => match[2].trim())
}

function digestParams(header: string): Map<string, string> {
  const params = new Map<string, string>()
  for (const match of header
    .replace(/^\s*Digest\s+/i, '')
    .matchAll(/([a-zA-Z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
    params.set(match[1].toLowerCase(), match[2] ?? match[3])
  }
  return params
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256' }

/** 'valid', or why the Authorization/Proxy-Authorization value is not a correct answer for these credentials. */
export function verifyDigestResponse(
  header: string,
  expected: { method: string; username: string; password: string }
): string {
  const params = digestParams(header)
  const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase()
  const hashName = HASHES[algorithm]
  if (!hashName) return `unsupported algorithm ${algorithm}`
  const hash = (text: string): string => createHash(hashName).update(text).digest('hex')
  const [username, realm, nonce, uri, response] = ['username', 'realm', 'nonce', 'uri', 'response'].map((name) =>
    params.get(name)
  )
  if (!realm || !nonce || !uri || !response) return 'realm, nonce, uri or response is missing'
  if (username !== expected.username) return `username is ${username}, expected ${expected.username}`
  const ha1 = hash(`${username}:${realm}:${expected.password}`)
  const ha2 = hash(`${expected.method}:${uri}`)
  const qop = params.get('qop')
  const expectedResponse =
    qop === 'auth'
      ? hash(`${ha1}:${nonce}:${params.get('nc')}:${params.get('cnonce')}:auth:${ha2}`)
      : hash(`${ha1}:${nonce}:${ha2}`)
  return response === expectedResponse
    ? 'valid'
    : `response ${response} is wrong (expected ${expectedResponse} for ${algorithm}, qop=${qop ?? 'none'})`
}
