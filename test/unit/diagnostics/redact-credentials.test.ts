import { describe, expect, it } from 'vitest'
import { redactCredentials } from '../../../src/main/diagnostics'

const RESPONSE = '6629fae49393a05397450978507c4ef1'
const NONCE = 'dcd98b7102dd2f0e8b11d0f600bfb0c093'
const CNONCE = '0a4f113b'

function message(...headers: string[]): string {
  return [
    'REFER sip:1001@pbx.example SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.2:5060;branch=z9hG4bK1',
    ...headers,
    'Call-ID: c1',
    'CSeq: 2 REFER',
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

const SIPJS = `Digest algorithm=MD5, username="deskdial", realm="pbx.example", nonce="${NONCE}", uri="sip:1001@pbx.example", response="${RESPONSE}", opaque="", qop=auth, cnonce="${CNONCE}", nc=00000001`
const SIPJS_REDACTED = `Digest algorithm=MD5, username="deskdial", realm="pbx.example", nonce="redacted", uri="sip:1001@pbx.example", response="redacted", opaque="", qop=auth, cnonce="redacted", nc=00000001`

describe('redactCredentials', () => {
  it.each([
    ['Authorization as sip.js writes it', `Authorization: ${SIPJS}`, `Authorization: ${SIPJS_REDACTED}`],
    ['Proxy-Authorization', `Proxy-Authorization: ${SIPJS}`, `Proxy-Authorization: ${SIPJS_REDACTED}`],
    ['a lower-case header name', `authorization: ${SIPJS}`, `authorization: ${SIPJS_REDACTED}`],
    ['an upper-case header name', `PROXY-AUTHORIZATION: ${SIPJS}`, `PROXY-AUTHORIZATION: ${SIPJS_REDACTED}`],
    [
      'blanks before the colon and none after',
      `Proxy-Authorization \t:${SIPJS}`,
      `Proxy-Authorization \t:${SIPJS_REDACTED}`
    ],
    ['a tab after the colon', `Authorization:\t${SIPJS}`, `Authorization:\t${SIPJS_REDACTED}`],
    [
      'unquoted values without blanks after the commas',
      `Authorization: Digest username=deskdial,nonce=${NONCE},response=${RESPONSE},cnonce=${CNONCE},nc=1`,
      'Authorization: Digest username=deskdial,nonce=redacted,response=redacted,cnonce=redacted,nc=1'
    ],
    [
      'blanks around the equals sign and odd letter case',
      `Authorization: DIGEST Response = "${RESPONSE}" , NONCE ="${NONCE}", CNonce= ${CNONCE}`,
      'Authorization: DIGEST Response = "redacted" , NONCE ="redacted", CNonce= redacted'
    ],
    [
      'folded continuation lines',
      `Authorization: Digest username="deskdial",\r\n nonce="${NONCE}",\r\n\tresponse=\r\n  "${RESPONSE}", cnonce="${CNONCE}"`,
      'Authorization: Digest username="deskdial",\r\n nonce="redacted",\r\n\tresponse=\r\n  "redacted", cnonce="redacted"'
    ],
    [
      'an escaped quote inside a value',
      `Authorization: Digest response="${RESPONSE}\\"${RESPONSE}", nonce="${NONCE}"`,
      'Authorization: Digest response="redacted", nonce="redacted"'
    ],
    [
      'an unterminated quote: the rest of the header goes',
      `Authorization: Digest username="deskdial", response="${RESPONSE}, cnonce=x`,
      'Authorization: Digest username="deskdial", response="redacted"'
    ],
    [
      'a parameter name inside a quoted value stays as it is',
      `Authorization: Digest username="a, response=visible", response="${RESPONSE}"`,
      'Authorization: Digest username="a, response=visible", response="redacted"'
    ],
    [
      'nextnonce and other names that only end in nonce stay',
      `Authorization: Digest nextnonce="keep", x-response="keep", nonce="${NONCE}"`,
      'Authorization: Digest nextnonce="keep", x-response="keep", nonce="redacted"'
    ],
    [
      'Basic credentials, which carry the password itself, go whole',
      'Authorization: Basic ZGVza2RpYWw6aHVudGVyMg==',
      'Authorization: Basic <redacted>'
    ],
    ['credentials without a scheme go whole', `Authorization: response="${RESPONSE}"`, 'Authorization: <redacted>']
  ])('%s', (_name, header, expected) => {
    expect(redactCredentials(message(header))).toBe(message(expected))
  })

  it('redacts every credentials header of a message, not only the first', () => {
    const text = message(`Authorization: ${SIPJS}`, `Proxy-Authorization: ${SIPJS}`, `proxy-authorization: ${SIPJS}`)
    expect(redactCredentials(text)).toBe(
      message(
        `Authorization: ${SIPJS_REDACTED}`,
        `Proxy-Authorization: ${SIPJS_REDACTED}`,
        `proxy-authorization: ${SIPJS_REDACTED}`
      )
    )
  })

  it('redacts a message with bare line feeds', () => {
    const text = message(`Authorization: ${SIPJS}`).replace(/\r\n/g, '\n')
    expect(redactCredentials(text)).toBe(message(`Authorization: ${SIPJS_REDACTED}`).replace(/\r\n/g, '\n'))
  })

  it('redacts credentials in a message carried in a body', () => {
    const text = `${message('Content-Type: message/sip')}REGISTER sip:pbx SIP/2.0\r\nAuthorization: ${SIPJS}\r\n`
    expect(redactCredentials(text)).not.toMatch(new RegExp(`${RESPONSE}|${NONCE}|${CNONCE}`))
  })

  it('leaves a message without credentials exactly as it was, challenges included', () => {
    const challenge = `SIP/2.0 407 Proxy Authentication Required\r\nProxy-Authenticate: Digest realm="pbx", nonce="${NONCE}"\r\nX-Authorization-Hint: response=1\r\n\r\n`
    expect(redactCredentials(challenge)).toBe(challenge)
  })
})
