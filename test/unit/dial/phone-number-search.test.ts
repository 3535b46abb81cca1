import { describe, it, expect } from 'vitest'
import { MAX_CLIPBOARD_NUMBER_LENGTH, looksLikePhoneNumber } from '../../../src/main/dial/phone-number-search'

describe('looksLikePhoneNumber', () => {
  it.each([
    ['+49 (0)201 555-0123', '+492015550123'],
    ['(201) 555-0123', '2015550123'],
    ['201.555.0123', '2015550123'],
    ['  0201/555 0123\n', '02015550123'],
    ['01\u00A023\u00A045\u00A067\u00A089', '0123456789'],
    ['201\u2013555\u20130123', '2015550123'],
    ['0049 201 5550123', '00492015550123'],
    ['1002', '1002'],
    ['112', '112'],
    ['tel:+1-201-555-0123', '+12015550123'],
    ['Tel: +49 201 5550123', '+492015550123'],
    ['sip:1002@pbx.example.com', '1002'],
    ['callto:+4930123456', '+4930123456'],
    ['+1 201 555 0123 0123 456', '+120155501230123456']
  ])('finds %j', (text, number) => {
    expect(looksLikePhoneNumber(text)).toBe(number)
  })

  it.each([
    ['empty', ''],
    ['ordinary text', 'See you tomorrow'],
    ['a sentence with a number in it', 'Call me at 0201 5550123'],
    ['a URL', 'https://example.com/123'],
    ['a URL without scheme', 'www.example.com'],
    ['a javascript: link', 'javascript:alert(1)'],
    ['a tel: link that is not a number', 'tel:1-800-FLOWERS'],
    ['a sip: name', 'sip:alice@example.com'],
    ['an ISO date', '2026-11-24'],
    ['a German date', '24.11.2026'],
    ['a US date', '11/24/2026'],
    ['a short date', '24.11.26'],
    ['a slashed ISO date', '2026/11/24'],
    ['a time', '12:30'],
    ['a time with seconds', '12:30:45'],
    ['an IP address', '192.168.1.10'],
    ['an IP address with port', '10.1.1.1:5060'],
    ['two digits', '42'],
    ['a feature code', '*67'],
    ['an issue reference', '#123'],
    ['a number with a feature code inside', '0201 555#0123'],
    ['a vanity number', '1-800-FLOWERS'],
    ['a card-length number', '4111 1111 1111 1111 111'],
    ['fullwidth digits', '\uFF10\uFF12\uFF10\uFF11 5550123'],
    ['a hidden line break', '0201\n5550123'],
    ['two numbers', '0201 5550123, 0201 5550124'],
    ['a price', '$1,234.56'],
    ['a negative number', '-12345'],
    ['a misplaced +', '49+201 5550123']
  ])('ignores %s', (_what, text) => {
    expect(looksLikePhoneNumber(text)).toBeUndefined()
  })

  it(`reads texts of up to ${MAX_CLIPBOARD_NUMBER_LENGTH} characters after trimming, and no longer ones`, () => {
    const spaced = (length: number): string => `+49 201${' '.repeat(length - '+49 2015550123'.length)}5550123`
    expect(looksLikePhoneNumber(spaced(MAX_CLIPBOARD_NUMBER_LENGTH))).toBe('+492015550123')
    expect(looksLikePhoneNumber(spaced(MAX_CLIPBOARD_NUMBER_LENGTH + 1))).toBeUndefined()
    expect(looksLikePhoneNumber(`${' '.repeat(100)}1002${' '.repeat(100)}`)).toBe('1002')
  })
})
