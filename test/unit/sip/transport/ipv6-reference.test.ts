import { describe, expect, it } from 'vitest'
import { tolerateAbnfBugIpv6 } from '../../../../src/main/sip/transport/ipv6-reference'

describe('the three-colon IPv6 reference of RFC 3261 ABNF (RFC 5118 4.10)', () => {
  it('is read as the two-colon form it means, in the header section only', () => {
    const message =
      'OPTIONS sip:user@[2001:db8:::192.0.2.1] SIP/2.0\r\nTo: sip:user@[2001:db8:::192.0.2.1]\r\n\r\nx=[a:::1.2.3.4]'
    expect(tolerateAbnfBugIpv6(message)).toBe(
      'OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0\r\nTo: sip:user@[2001:db8::192.0.2.1]\r\n\r\nx=[a:::1.2.3.4]'
    )
  })

  it('leaves correct references alone', () => {
    const message =
      'OPTIONS sip:user@[2001:db8::192.0.2.1] SIP/2.0\r\nVia: SIP/2.0/UDP [::ffff:192.0.2.10]:5060\r\n\r\n'
    expect(tolerateAbnfBugIpv6(message)).toBe(message)
  })
})
