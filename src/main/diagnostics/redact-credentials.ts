/**
 * Takes the secrets out of a SIP message before anyone keeps or shows it: the digest `response`,
 * `nonce` and `cnonce` of every `Authorization` and `Proxy-Authorization` header. From a response,
 * its nonce and a list of candidate passwords, anyone could find the password offline.
 */

export const REDACTED = 'redacted'

/**
 * A credentials header and its folded continuation lines, in any letter case, with blanks before
 * the colon, anywhere in the text (a message carried in a body is redacted too). Neither header
 * has a compact form (RFC 3261 §7.3.3).
 */
const CREDENTIALS_HEADER = /^([ \t]*(?:proxy-)?authorization[ \t]*:)([^\n]*(?:\n[ \t][^\n]*)*)/gim

/**
 * In a Digest header: a quoted string (skipped whole, so a name inside a quoted value is left
 * alone), or a secret parameter with its value, quoted, unterminated or bare.
 */
const DIGEST_SECRET =
  /"(?:[^"\\]|\\[\s\S])*"|(?<=^|[\s,])((?:c?nonce|response)\s*=\s*)("(?:[^"\\]|\\[\s\S])*"|"[\s\S]*|[^\s,]*)/gi

/** A scheme name followed by its credentials. */
const SCHEME = /^\s*([A-Za-z][\w.+-]*)\s/

/**
 * Returns `message` with the secret digest parameters of its credentials headers replaced by
 * `redacted` (quoted when they were). Credentials of any other scheme (e.g. Basic, which carries
 * the password itself) are replaced whole. Everything else is left exactly as it was.
 */
export function redactCredentials(message: string): string {
  return message.replace(CREDENTIALS_HEADER, (_header, name: string, value: string) => {
    const lineEnd = value.endsWith('\r') ? '\r' : ''
    return name + redactCredentialsValue(value.slice(0, value.length - lineEnd.length)) + lineEnd
  })
}

function redactCredentialsValue(value: string): string {
  const scheme = SCHEME.exec(value)?.[1]
  if (value.trim() === '') return value
  if (scheme?.toLowerCase() !== 'digest') return scheme ? ` ${scheme} <${REDACTED}>` : ` <${REDACTED}>`
  return value.replace(DIGEST_SECRET, (whole, parameter: string | undefined, secret: string | undefined) => {
    if (parameter === undefined || secret === undefined) return whole
    return secret.startsWith('"') ? `${parameter}"${REDACTED}"` : parameter + REDACTED
  })
}
