import { describe, it, expect } from 'vitest'
import { MAX_LINK_LENGTH, parsePhoneLink, type LinkHome, type PhoneLinkResult } from '../../../src/main/dial/phone-link'

type Accepted = Extract<PhoneLinkResult, { ok: true }>
type Expected = Omit<Accepted, 'ok'>

const VALID: ReadonlyArray<[raw: string, expected: Expected]> = [
  ['tel:+1-201-555-0123', { scheme: 'tel', number: '+12015550123', global: true, display: '+1 201 555 0123' }],
  [
    'tel:+358-9-123-4567;ext=22',
    { scheme: 'tel', number: '+35891234567', global: true, extension: '22', display: '+358 9 1234567 ext. 22' }
  ],
  [
    'tel:+1-201-555-0123;ext=22',
    { scheme: 'tel', number: '+12015550123', global: true, extension: '22', display: '+1 201 555 0123 ext. 22' }
  ],
  [
    'tel:+44-20-7946-0958;ext=1-2',
    { scheme: 'tel', number: '+442079460958', global: true, extension: '12', display: '+44 20 7946 0958 ext. 12' }
  ],
  ['tel://+49-201-555-0123', { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }],
  ['TEL:+49.201.555.0123', { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }],
  ['tel:+49%20201%20555%200123', { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }],
  ['tel:+49(0)201-5550123', { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }],
  ['tel:+44%20(0)20-7946-0958', { scheme: 'tel', number: '+442079460958', global: true, display: '+44 20 7946 0958' }],
  ['tel:0044(0)20-7946-0958', { scheme: 'tel', number: '00442079460958', global: false, display: '00442079460958' }],
  [
    'tel:20-7946-0958;phone-context=+44',
    { scheme: 'tel', number: '+442079460958', global: true, display: '+44 20 7946 0958' }
  ],
  [
    'tel:555-0123;phone-context=+1-201',
    { scheme: 'tel', number: '+12015550123', global: true, display: '+1 201 555 0123' }
  ],
  [
    'tel:0201-5550123;phone-context=+49',
    { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }
  ],
  ['tel:%2B49-201-5550123', { scheme: 'tel', number: '+492015550123', global: true, display: '+49 201 5550123' }],
  ['tel:(0201)%20555-0123', { scheme: 'tel', number: '02015550123', global: false, display: '02015550123' }],
  ['tel:555-0123', { scheme: 'tel', number: '5550123', global: false, display: '5550123' }],
  [
    'tel:+1-201-555-0123;npdi;rn=+1-201-555-9999',
    { scheme: 'tel', number: '+12015550123', global: true, display: '+1 201 555 0123' }
  ],
  ['tel:*67', { scheme: 'tel', number: '*67', global: false, display: '*67' }],
  ['tel:*21#', { scheme: 'tel', number: '*21#', global: false, display: '*21#' }],
  ['tel:%2A21%23', { scheme: 'tel', number: '*21#', global: false, display: '*21#' }],
  ['  tel:+12015550123  ', { scheme: 'tel', number: '+12015550123', global: true, display: '+1 201 555 0123' }],
  ['tel:+999-123', { scheme: 'tel', number: '+999123', global: true, display: '+999123' }],
  ['callto:+4930123456', { scheme: 'callto', number: '+4930123456', global: true, display: '+49 30 123456' }],
  ['callto://+4930123456', { scheme: 'callto', number: '+4930123456', global: true, display: '+49 30 123456' }],
  ['CallTo:+49%2030%20123456', { scheme: 'callto', number: '+4930123456', global: true, display: '+49 30 123456' }],
  ['callto:1002', { scheme: 'callto', number: '1002', global: false, display: '1002' }],
  ['sip:1002@pbx.example.com', { scheme: 'sip', number: '1002', global: false, display: '1002' }],
  ['sip:+4930123456@host;user=phone', { scheme: 'sip', number: '+4930123456', global: true, display: '+49 30 123456' }],
  ['SIPS:1002@10.1.1.1:5061;transport=tls', { scheme: 'sip', number: '1002', global: false, display: '1002' }],
  [
    'sip:+1-201-555-0123@[2001:db8::1]:5060',
    { scheme: 'sip', number: '+12015550123', global: true, display: '+1 201 555 0123' }
  ],
  [
    'sip:%2B4930123456@pbx.example.com',
    { scheme: 'sip', number: '+4930123456', global: true, display: '+49 30 123456' }
  ],
  ['sip:*67@pbx.example.com?subject=hello', { scheme: 'sip', number: '*67', global: false, display: '*67' }]
]

const HOSTILE: ReadonlyArray<[what: string, raw: string, reason: RegExp]> = [
  ['empty', '', /it is empty/],
  ['only spaces', '    ', /it is empty/],
  ['longer than the limit', `tel:+${'1'.repeat(MAX_LINK_LENGTH)}`, /longer than 256 characters/],
  ['more than 32 digits', `tel:+${'1'.repeat(33)}`, /more than 32 digits/],
  ['a bare number without a scheme', '+12015550123', /not a tel:, sip: or callto: link/],
  ['javascript:', 'javascript:alert(1)', /only tel:, sip: and callto:/],
  ['file:', 'file:///etc/passwd', /only tel:, sip: and callto:/],
  ['http:', 'http://example.com/tel:123', /only tel:, sip: and callto:/],
  ['skype:', 'skype:+4930123456?call', /only tel:, sip: and callto:/],
  ['NUL', 'tel:+1201\u00005550123', /control characters/],
  ['CR/LF', 'tel:+12015550123\r\nVia: SIP/2.0/UDP evil', /control characters/],
  ['a tab', 'tel:\t+12015550123', /control characters/],
  ['a C1 control', 'tel:+1201555\u00850123', /control characters/],
  ['a Unicode line separator', 'tel:+1201555\u20280123', /control characters/],
  ['%0d%0a header injection', 'tel:+12015550123%0d%0aVia:%20x', /control characters/],
  ['an encoded NUL', 'tel:+1201%00555', /control characters/],
  ['CR/LF in the extension', 'tel:+12015550123;ext=22%0D%0A', /control characters/],
  ['a comma', 'tel:+1,2015550123', /characters a phone number cannot have/],
  ['angle brackets', 'tel:<+12015550123>', /characters a phone number cannot have/],
  ['a closing angle bracket and parameter', 'tel:1002>;foo=bar', /characters a phone number cannot have/],
  ['double quotes', 'tel:"+12015550123"', /characters a phone number cannot have/],
  ['an encoded ;', 'tel:+1201%3B5550123', /characters a phone number cannot have/],
  ['a question mark', 'tel:+12015550123?body=x', /characters a phone number cannot have/],
  ['slashes after tel://', 'tel:////+4920155', /characters a phone number cannot have/],
  ['double percent-encoding', 'tel:%25312015550123', /characters a phone number cannot have/],
  ['an address in a tel: link', 'tel:1002@evil.example.com', /contains an address \(@\)/],
  ['an encoded address in a tel: link', 'tel:1002%40evil.example.com', /contains an address \(@\)/],
  ['a vanity number', 'tel:1-800-FLOWERS', /vanity number such as 1-800-FLOWERS/],
  ['a vanity number in lower case', 'tel:+1-800-flowers', /vanity number/],
  ['an extension written with x', 'tel:+1-201-555-0123x22', /vanity number/],
  ['two + signs', 'tel:++12015550123', /more than one \+/],
  ['an encoded second +', 'tel:+49%2B201', /more than one \+/],
  ['a + in the middle', 'tel:1+2015550123', /only stand at the very beginning/],
  ['only separators', 'tel:---', /no digits/],
  ['only brackets and dots', 'tel:(.)', /no digits/],
  ['only a +', 'tel:+', /no digits/],
  ['nothing after tel:', 'tel:', /no digits/],
  ['* after a +', 'tel:+1201*555', /cannot contain \* or #/],
  ['fullwidth digits', 'tel:\uFF0B\uFF11\uFF12\uFF10\uFF11', /digits from another writing system/],
  ['Arabic-Indic digits', 'tel:+\u0661\u0662\u0660\u0661\u0665\u0665\u0665', /digits from another writing system/],
  ['encoded fullwidth digits', 'tel:%EF%BC%91%EF%BC%92%EF%BC%93', /digits from another writing system/],
  ['a right-to-left override', 'tel:+1201\u202E5550123', /invisible formatting characters/],
  ['an encoded right-to-left override', 'tel:%E2%80%AE12015550123', /invisible formatting characters/],
  ['a zero-width space', 'tel:+1201\u200B5550123', /invisible formatting characters/],
  ['a no-break space', 'tel:+1201\u00A05550123', /characters a phone number cannot have/],
  ['an encoded no-break space', 'tel:+1201%C2%A05550123', /characters a phone number cannot have/],
  ['a Cyrillic look-alike letter', 'tel:+1201555\u04E80123', /characters a phone number cannot have/],
  ['an overlong encoded dot', 'tel:+1201%C0%AE555', /invalid percent-encoding/],
  ['an overlong encoded NUL', 'tel:+1201%C0%80555', /invalid percent-encoding/],
  ['a three-byte overlong form', 'tel:%E0%80%AE1201', /invalid percent-encoding/],
  ['an encoded surrogate', 'tel:%ED%A0%801201', /invalid percent-encoding/],
  ['a byte that is never UTF-8', 'tel:%FF1201', /invalid percent-encoding/],
  ['a percent sign without hex digits', 'tel:+1201%GG555', /invalid percent-encoding/],
  ['a truncated escape', 'tel:+1201555%2', /invalid percent-encoding/],
  ['an ISDN subaddress', 'tel:+1-201-555-0123;isub=1411', /ISDN subaddress \(isub\)/],
  ['a repeated extension', 'tel:+1-201-555-0123;ext=22;EXT=23', /repeats a parameter/],
  ['letters in the extension', 'tel:+1-201-555-0123;ext=abc', /extension \(ext=\) is not made of digits/],
  ['* in the extension', 'tel:+1-201-555-0123;ext=2*2', /extension \(ext=\) is not made of digits/],
  ['an empty extension', 'tel:+1-201-555-0123;ext=', /parameters \(after a ;\) is malformed/],
  ['an empty parameter', 'tel:+1-201-555-0123;;ext=1', /parameters \(after a ;\) is malformed/],
  ['digits hidden behind a ;', 'tel:+1;2015550123', /parameters \(after a ;\) is malformed/],
  ['a space in a parameter', 'tel:7042;phone-context=exa mple.com', /parameters \(after a ;\) is malformed/],
  [
    'a phone-context on a global number',
    'tel:+1-201-555-0123;phone-context=example.com',
    /cannot also have a phone-context/
  ],
  ['a malformed phone-context domain', 'tel:7042;phone-context=-bad-.com', /neither a domain name nor a number prefix/],
  ['a phone-context that is only a +', 'tel:7042;phone-context=+', /neither a domain name nor a number prefix/],
  ['a (0) that could turn 9011 into 911', 'tel:9(0)11', /a \(0\) that does not follow a country code/],
  [
    'a (0) after a country code and more digits',
    'tel:+44-20(0)7946-0958',
    /a \(0\) that does not follow a country code/
  ],
  ['a (0) after an unknown country code', 'tel:+999(0)123', /a \(0\) that does not follow a country code/],
  [
    'a domain phone-context without a home',
    'tel:7042;phone-context=example.com',
    /belongs to example\.com, which is not your phone system's domain/
  ],
  [
    'a prefix phone-context that makes no number, without a home',
    'tel:911;phone-context=+1',
    /local to \+1, which is not your desk phone's country/
  ],
  ['a Skype name', 'callto:john.doe', /Skype or other account/],
  ['a Skype name after //', 'callto://echo123', /Skype or other account/],
  ['a callto: with an address', 'callto:+4930123456@evil.example.com', /contains an address \(@\)/],
  ['a sip: name', 'sip:alice@example.com', /SIP name, not a phone number/],
  ['a sip: link without host', 'sip:1002', /has no @/],
  ['a sip: link with a password', 'sip:1002:secret@pbx.example.com', /carry passwords/],
  ['a sip: link with two @', 'sip:1002@evil.example.com@pbx.example.com', /more than one @/],
  ['a sip: link with an empty host', 'sip:1002@', /not a valid host/],
  ['a space in the sip: host', 'sip:1002@pbx example.com', /not a valid host/],
  ['a header injected after the host', 'sip:1002@pbx.example.com>;evil', /not a valid host/],
  ['brackets in the sip: parameters', 'sip:1002@pbx.example.com;maddr=<evil>', /not a valid host/],
  ['a quote in the sip: headers', 'sip:1002@pbx.example.com?Subject="x"', /not a valid host/],
  ['encoded > and ; in the sip: user', 'sip:1002%3E%3Bfoo@pbx.example.com', /characters a phone number cannot have/],
  ['a bracketed sip: user', 'sip:<1002>@pbx.example.com', /characters a phone number cannot have/],
  ['an empty sip: user', 'sip:@pbx.example.com', /no digits/],
  ['an encoded @ in the sip: user', 'sip:1002%40evil.example.com@pbx.example.com', /contains an address \(@\)/]
]

const US_DESK: LinkHome = { country: 'US', domains: ['pbx.example.com', 'Example.COM.'] }
const GERMAN_DESK: LinkHome = { country: 'DE', domains: ['pbx.example.de'] }

/** A phone-context that cannot be applied: the number stays local when the context is the user's own. */
const OWN_CONTEXT: ReadonlyArray<[raw: string, home: LinkHome, expected: Expected]> = [
  [
    'tel:7042;phone-context=example.com',
    US_DESK,
    { scheme: 'tel', number: '7042', global: false, phoneContext: 'example.com', display: '7042 (example.com)' }
  ],
  [
    'tel:7042;PHONE-CONTEXT=Example.COM',
    US_DESK,
    { scheme: 'tel', number: '7042', global: false, phoneContext: 'example.com', display: '7042 (example.com)' }
  ],
  [
    'tel:1002;phone-context=pbx.example.com.;Ext=5',
    US_DESK,
    {
      scheme: 'tel',
      number: '1002',
      global: false,
      phoneContext: 'pbx.example.com.',
      extension: '5',
      display: '1002 (pbx.example.com.) ext. 5'
    }
  ],
  [
    'tel:863-1234;phone-context=+1-914-555',
    US_DESK,
    { scheme: 'tel', number: '8631234', global: false, phoneContext: '+1914555', display: '8631234 (+1914555)' }
  ],
  [
    'tel:911;phone-context=+1',
    US_DESK,
    { scheme: 'tel', number: '911', global: false, phoneContext: '+1', display: '911 (+1)' }
  ],
  [
    'tel:110;phone-context=+49',
    GERMAN_DESK,
    { scheme: 'tel', number: '110', global: false, phoneContext: '+49', display: '110 (+49)' }
  ],
  [
    'tel:110;phone-context=+49',
    { country: 'de', domains: [] },
    { scheme: 'tel', number: '110', global: false, phoneContext: '+49', display: '110 (+49)' }
  ]
]

/** A phone-context that is neither applicable nor the user's own is refused, never dropped. */
const FOREIGN_CONTEXT: ReadonlyArray<[raw: string, home: LinkHome, reason: RegExp]> = [
  ['tel:911;phone-context=+1', GERMAN_DESK, /its number 911 is local to \+1, which is not your desk phone's country/],
  ['tel:863-1234;phone-context=+1-914-555', GERMAN_DESK, /local to \+1914555/],
  ['tel:110;phone-context=+49', US_DESK, /its number 110 is local to \+49/],
  [
    'tel:7042;phone-context=example.com',
    GERMAN_DESK,
    /its number 7042 belongs to example\.com, which is not your phone system's domain/
  ],
  ['tel:7042;phone-context=sub.pbx.example.de', GERMAN_DESK, /belongs to sub\.pbx\.example\.de/],
  ['tel:7042;phone-context=+1', { country: 'XX', domains: [] }, /local to \+1, which is not your desk phone's country/]
]

describe('parsePhoneLink', () => {
  it.each(VALID)('reads %s', (raw, expected) => {
    expect(parsePhoneLink(raw)).toEqual({ ok: true, ...expected })
  })

  it.each(HOSTILE)('refuses %s', (_what, raw, reason) => {
    const result = parsePhoneLink(raw)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatch(/^This link is not a phone number DeskDial can call: .+\.$/)
    expect(result.error).toMatch(reason)
    // Printable ASCII only: no hostile character from the link is repeated on screen or in a log.
    expect(result.error).toMatch(/^[\x20-\x7E]+$/)
  })

  it.each(OWN_CONTEXT)("keeps %s local in the user's own phone-context", (raw, home, expected) => {
    expect(parsePhoneLink(raw, home)).toEqual({ ok: true, ...expected })
  })

  it.each(FOREIGN_CONTEXT)('refuses %s in another phone-context', (raw, home, reason) => {
    const result = parsePhoneLink(raw, home)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toMatch(reason)
    expect(result.error).toMatch(/type the full number with its country code in DeskDial instead\.$/)
  })

  it('accepts a link of exactly the maximum length and refuses one character more', () => {
    const domain = (length: number): string => `${'a'.repeat(length - 'tel:1002;phone-context=.com'.length)}.com`
    const padded = (length: number): string => `tel:1002;phone-context=${domain(length)}`
    expect(parsePhoneLink(padded(MAX_LINK_LENGTH), { country: 'US', domains: [domain(MAX_LINK_LENGTH)] }).ok).toBe(true)
    expect(
      parsePhoneLink(padded(MAX_LINK_LENGTH + 1), { country: 'US', domains: [domain(MAX_LINK_LENGTH + 1)] }).ok
    ).toBe(false)
  })

  it('accepts 32 digits and refuses 33', () => {
    expect(parsePhoneLink(`tel:${'1'.repeat(32)}`)).toMatchObject({ ok: true, number: '1'.repeat(32) })
    expect(parsePhoneLink(`tel:${'1'.repeat(33)}`).ok).toBe(false)
  })
})
