/**
 * What went wrong talking to the company directory, as a sentence a person can act on, with a
 * kind for the code above to choose a reaction (show "directory offline", ask for the password...).
 */
import {
  ConfidentialityRequiredError,
  InappropriateAuthError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  ResultCodeError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  UnwillingToPerformError
} from 'ldapts'
import type { DirectorySettings } from '../../../shared/directory-settings'
import { CaFileError } from '../../trust/ca-file'

export type DirectoryErrorKind = 'bind' | 'unreachable' | 'tls' | 'timeout' | 'cancelled' | 'refused' | 'settings'

export class DirectoryError extends Error {
  override name = 'DirectoryError'
  readonly kind: DirectoryErrorKind

  constructor(kind: DirectoryErrorKind, message: string, options?: ErrorOptions) {
    super(message, options)
    this.kind = kind
  }
}

/** Where the directory is, for the sentences: "ldap.example.com:636". */
export function serverName(url: string): string {
  try {
    const parsed = new URL(url)
    return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'ldaps:' ? 636 : 389)}`
  } catch {
    return url
  }
}

const UNTRUSTED_CERTIFICATE = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])
const EXPIRED_CERTIFICATE = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'])
const NO_ROUTE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL'])
const UNKNOWN_NAME = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME'])

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** The LDAP result's text without ldapts's " Code: 0x31" tail. */
function resultText(error: ResultCodeError): string {
  return error.message.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim()
}

function resultError(error: ResultCodeError, settings: DirectorySettings): DirectoryError {
  const options = { cause: error }
  const server = serverName(settings.url)
  const who = settings.bindDn === '' ? 'an anonymous bind' : `the bind DN "${settings.bindDn}"`
  if (error instanceof InvalidCredentialsError)
    return new DirectoryError(
      'bind',
      settings.bindDn === ''
        ? `The directory at ${server} refused an anonymous bind (LDAP result 49, invalid credentials). Enter a bind DN and its password in Settings.`
        : `The directory at ${server} refused the bind DN "${settings.bindDn}" or its password (LDAP result 49, invalid credentials). Check the bind DN and enter the password again.`,
      options
    )
  if (error instanceof UnwillingToPerformError && settings.bindDn !== '')
    return new DirectoryError(
      'bind',
      `The directory at ${server} would not bind as "${settings.bindDn}" (LDAP result 53: ${resultText(error)}). Enter the directory password in Settings.`,
      options
    )
  if (error instanceof InappropriateAuthError || error instanceof InsufficientAccessError)
    return new DirectoryError(
      'bind',
      `The directory at ${server} does not let ${who} search it (LDAP result ${error.code}: ${resultText(error)}). Enter a bind DN and password that may search the directory.`,
      options
    )
  if (error instanceof ConfidentialityRequiredError || error instanceof StrongAuthRequiredError)
    return new DirectoryError(
      'tls',
      `The directory at ${server} requires an encrypted connection (LDAP result ${error.code}). Use an ldaps:// address or turn on StartTLS.`,
      options
    )
  if (error instanceof NoSuchObjectError)
    return new DirectoryError(
      'settings',
      `The base DN "${settings.baseDn}" does not exist on the directory at ${server} (LDAP result 32, no such object). Check the base DN in Settings, e.g. ou=people,dc=example,dc=com.`,
      options
    )
  if (error instanceof InvalidDNSyntaxError)
    return new DirectoryError(
      'settings',
      `The directory at ${server} says a DN is not written correctly (LDAP result 34: ${resultText(error)}). Check the bind DN and the base DN in Settings, e.g. cn=deskdial,dc=example,dc=com.`,
      options
    )
  if (error instanceof SizeLimitExceededError)
    return new DirectoryError(
      'refused',
      `The directory at ${server} stopped the search at its size limit (LDAP result 4). Ask its administrator to allow paged searches (RFC 2696) past the limit, or narrow the search filter.`,
      options
    )
  return new DirectoryError(
    'refused',
    `The directory at ${server} refused the request (LDAP result ${error.code}: ${resultText(error)}).`,
    options
  )
}

function tlsError(code: string, error: unknown, settings: DirectorySettings): DirectoryError | undefined {
  const server = serverName(settings.url)
  const options = { cause: error }
  if (UNTRUSTED_CERTIFICATE.has(code))
    return new DirectoryError(
      'tls',
      `The certificate of the directory at ${server} is not trusted (${code}). Choose the PEM file of the CA that signed it as the directory CA certificate file in Settings.`,
      options
    )
  if (EXPIRED_CERTIFICATE.has(code))
    return new DirectoryError(
      'tls',
      `The certificate of the directory at ${server} is not valid now (${code}). Ask the directory's administrator to renew it, or check this computer's clock.`,
      options
    )
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new DirectoryError(
      'tls',
      `The certificate of the directory at ${server} is not issued for that name (${error instanceof Error ? error.message : code}). Use the name the certificate was issued for in the server address.`,
      options
    )
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return new DirectoryError(
      'tls',
      `The encrypted connection to the directory at ${server} failed (${code}). Check that the address and port are for ${settings.startTls ? 'StartTLS on ldap://' : 'LDAPS'}.`,
      options
    )
  return undefined
}

/** Any failure of a directory operation as a DirectoryError; `timeoutMs` is the limit that ran out, for the sentence. */
export function directoryError(error: unknown, settings: DirectorySettings, timeoutMs: number): DirectoryError {
  if (error instanceof DirectoryError) return error
  if (error instanceof CaFileError) return new DirectoryError('tls', error.message, { cause: error })
  if (error instanceof ResultCodeError) return resultError(error, settings)
  const server = serverName(settings.url)
  const options = { cause: error }
  const code = errorCode(error) ?? ''
  const text = error instanceof Error ? error.message : String(error)
  const tls = tlsError(code, error, settings)
  if (tls) return tls
  if (code === 'ECONNREFUSED')
    return new DirectoryError(
      'unreachable',
      `Nothing answers at ${server} (connection refused). Check the directory server's address and port, and that the directory is running.`,
      options
    )
  if (UNKNOWN_NAME.has(code))
    return new DirectoryError(
      'unreachable',
      `The directory server name in ${settings.url} could not be found (${code}). Check the server address in Settings and this computer's network connection.`,
      options
    )
  if (NO_ROUTE.has(code))
    return new DirectoryError(
      'unreachable',
      `The directory at ${server} cannot be reached from this computer (${code}). Check the network connection or VPN.`,
      options
    )
  if (/timed? ?out/i.test(text) || code === 'ETIMEDOUT') return timedOut(settings, timeoutMs, error)
  if (/closed|socket|ECONNRESET|EPIPE/i.test(`${text} ${code}`))
    return new DirectoryError(
      'unreachable',
      `The connection to the directory at ${server} was closed before it answered. The directory may have stopped or restarted: try again in a moment.`,
      options
    )
  return new DirectoryError('unreachable', `The directory at ${server} could not be used: ${text}.`, options)
}

export function timedOut(settings: DirectorySettings, timeoutMs: number, cause?: unknown): DirectoryError {
  return new DirectoryError(
    'timeout',
    `The directory at ${serverName(settings.url)} did not answer within ${timeoutMs / 1000} s. Check the server address and the network, or try again later.`,
    { cause }
  )
}

export function cancelled(): DirectoryError {
  return new DirectoryError('cancelled', 'The directory search was cancelled by a newer one.')
}
