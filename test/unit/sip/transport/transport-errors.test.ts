import { describe, expect, it } from 'vitest'
import { connectFailure, type ConnectionTarget } from '../../../../src/main/sip/transport/transport-errors'

const TLS_TARGET: ConnectionTarget = { protocol: 'tls', host: 'pbx.example', remote: 'pbx.example:5061' }

function nodeError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${code} from node`), { code, ...extra })
}

describe('connectFailure', () => {
  it.each([
    [
      'ECONNREFUSED',
      'unreachable',
      'Could not reach the phone system at pbx.example:5061 over TLS: the connection was refused. Check the server address and port.'
    ],
    [
      'EHOSTUNREACH',
      'unreachable',
      /^Could not reach the phone system at pbx\.example:5061 over TLS: there is no network route to it/
    ],
    ['ENETUNREACH', 'unreachable', /no network route/],
    ['ETIMEDOUT', 'timeout', /did not answer/],
    [
      'ENOTFOUND',
      'dns',
      'Could not find the phone system "pbx.example": the name does not resolve (ENOTFOUND). Check the server address in Settings and your network connection.'
    ],
    ['EAI_AGAIN', 'dns', /does not resolve \(EAI_AGAIN\)/],
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'tls-untrusted',
      /not trusted \(it is signed by an authority this computer does not know\)\. Add the CA/
    ],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-untrusted', /not trusted \(its chain ends in a self-signed certificate/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-untrusted', /not trusted \(it is self-signed\)/],
    ['CERT_HAS_EXPIRED', 'tls-untrusted', /it has expired\)\. Check this computer's date and time/],
    [
      'ECONNRESET',
      'closed',
      /^The phone system at pbx\.example:5061 over TLS closed the connection while it was being set up/
    ],
    ['EWEIRD', 'unreachable', 'Could not reach the phone system at pbx.example:5061 over TLS: EWEIRD from node.']
  ])('maps %s to %s', (code, expectedCode, message) => {
    const error = connectFailure(nodeError(code), TLS_TARGET)
    expect(error.code).toBe(expectedCode)
    if (typeof message === 'string') expect(error.message).toBe(message)
    else expect(error.message).toMatch(message)
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('names the identity that did not match, with the reason Node gave', () => {
    const error = connectFailure(
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', {
        reason: "Host: sip.example. is not in the cert's altnames: DNS:pbx.example"
      }),
      {
        ...TLS_TARGET,
        tlsName: 'sip.example'
      }
    )
    expect(error.code).toBe('tls-name-mismatch')
    expect(error.message).toMatch(
      /^The phone system's certificate is not valid for "sip\.example" \(Host: sip\.example\. is not in the cert's altnames: DNS:pbx\.example\)\./
    )
  })

  it('reads the code of the first attempt when every address of a host failed', () => {
    const error = connectFailure(new AggregateError([nodeError('ECONNREFUSED'), nodeError('ENETUNREACH')]), TLS_TARGET)
    expect(error.code).toBe('unreachable')
    expect(error.message).toContain('the connection was refused')
  })
})
