import type { SipTransportProtocol } from '../../../shared/account-settings'
import { CaFileError } from '../../trust/ca-file'

/** What went wrong, for the layers above to choose a reaction; the message is for a person. */
export type TransportErrorCode = 'unreachable' | 'timeout' | 'tls-untrusted' | 'tls-name-mismatch' | 'closed' | 'dns'

/** A connection failure or loss, with a message that tells the user what to check next. */
export class TransportError extends Error {
  readonly code: TransportErrorCode

  constructor(code: TransportErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'TransportError'
    this.code = code
  }
}

/** Where we were connecting to, for the sentences. */
export interface ConnectionTarget {
  protocol: SipTransportProtocol
  host: string
  /** `host:port`, IPv6 bracketed. */
  remote: string
  /** TLS: the name the certificate must carry. */
  tlsName?: string
}

const UNTRUSTED_REASONS: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it is signed by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT: 'it is signed by an authority this computer does not know',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it is signed by an authority this computer does not know',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  CERT_UNTRUSTED: 'its authority is not trusted for this purpose',
  CERT_SIGNATURE_FAILURE: 'its signature does not verify',
  INVALID_CA: 'one of the certificates in its chain is not a valid CA'
}

const EXPIRY_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet'
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA'])
const NO_ROUTE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'])
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

function protocolName(protocol: SipTransportProtocol): string {
  return protocol.toUpperCase()
}

/** Node's error code; with happy eyeballs a failed connect is an AggregateError of per-address errors. */
function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0])
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Maps a failure to connect (DNS, socket, TLS handshake) to a TransportError. */
export function connectFailure(error: unknown, target: ConnectionTarget): TransportError {
  if (error instanceof TransportError) return error
  if (error instanceof CaFileError) return new TransportError('tls-untrusted', error.message, { cause: error })
  const code = errorCode(error) ?? ''
  const over = `the phone system at ${target.remote} over ${protocolName(target.protocol)}`
  const options = { cause: error }
  if (DNS_CODES.has(code)) {
    return new TransportError(
      'dns',
      `Could not find the phone system "${target.host}": the name does not resolve (${code}). Check the server address in Settings and your network connection.`,
      options
    )
  }
  if (code === 'ECONNREFUSED') {
    return new TransportError(
      'unreachable',
      `Could not reach ${over}: the connection was refused. Check the server address and port.`,
      options
    )
  }
  if (NO_ROUTE_CODES.has(code)) {
    return new TransportError(
      'unreachable',
      `Could not reach ${over}: there is no network route to it (${code}). Check your network connection (and VPN, if the phone system needs one) and the server address.`,
      options
    )
  }
  if (code === 'ETIMEDOUT') {
    return new TransportError(
      'timeout',
      `Could not reach ${over}: it did not answer. Check the server address and port, and that no firewall blocks them.`,
      options
    )
  }
  if (code in UNTRUSTED_REASONS) {
    return new TransportError(
      'tls-untrusted',
      `The phone system's certificate is not trusted (${UNTRUSTED_REASONS[code]}). Add the CA that signed it in Settings (CA file).`,
      options
    )
  }
  if (code in EXPIRY_REASONS) {
    return new TransportError(
      'tls-untrusted',
      `The phone system's certificate is not trusted (${EXPIRY_REASONS[code]}). Check this computer's date and time, or ask the phone system's administrator to renew the certificate.`,
      options
    )
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = (error as { reason?: unknown }).reason
    return new TransportError(
      'tls-name-mismatch',
      `The phone system's certificate is not valid for "${target.tlsName ?? target.host}" (${typeof reason === 'string' ? reason : errorText(error)}). Use the name the certificate was issued for as the server address, or ask the phone system's administrator for a certificate that includes this one.`,
      options
    )
  }
  if (RESET_CODES.has(code)) {
    return new TransportError(
      'closed',
      `${capitalize(over)} closed the connection while it was being set up (${code}). Check that the port and transport (UDP, TCP or TLS) match the phone system's settings.`,
      options
    )
  }
  return new TransportError('unreachable', `Could not reach ${over}: ${errorText(error)}.`, options)
}

/** Connecting took longer than the configured limit. */
export function connectTimeout(target: ConnectionTarget, timeoutMs: number): TransportError {
  return new TransportError(
    'timeout',
    `Could not reach the phone system at ${target.remote} over ${protocolName(target.protocol)}: it did not answer within ${timeoutMs / 1000} seconds. Check the server address, port and transport, and that no firewall blocks them.`
  )
}

/** close() was called while a connection was being set up. */
export function connectCancelled(target: ConnectionTarget): TransportError {
  return new TransportError('closed', `Connecting to the phone system at ${target.remote} was cancelled.`)
}

/** An established connection ended without us asking. */
export function connectionLost(target: ConnectionTarget, cause?: unknown): TransportError {
  const detail = cause === undefined ? '' : ` (${errorCode(cause) ?? errorText(cause)})`
  return new TransportError(
    'closed',
    `The ${protocolName(target.protocol)} connection to the phone system at ${target.remote} was closed${detail}.`,
    { cause }
  )
}

/** The peer sent bytes that cannot be a SIP message; we close rather than buffer without end. */
export function malformedStream(target: ConnectionTarget, reason: string): TransportError {
  return new TransportError(
    'closed',
    `The phone system at ${target.remote} sent data over ${protocolName(target.protocol)} that is not a valid SIP message (${reason}), so DeskDial closed the connection.`
  )
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
