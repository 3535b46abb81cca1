import { describe, it, expect } from 'vitest'
import { validateDialString } from '../../../src/main/sip/dial-string'

const ACCEPTED = [
  '1002',
  '+492015550123',
  '9011492015550123',
  '*67',
  '#31#',
  '*31#02015550123',
  '+*1',
  '1'.repeat(32),
  'alice',
  'John.Doe',
  'a_b~c-d',
  'a'.repeat(64),
  '1002a'
]

const REFUSED: ReadonlyArray<[what: string, dialString: string, reason: RegExp]> = [
  ['nothing', '', /nothing to dial/],
  ['33 digits', '1'.repeat(33), /at most 32 digits/],
  ['33 digits after a +', `+${'1'.repeat(33)}`, /at most 32 digits/],
  ['a 65-character name', 'a'.repeat(65), /at most 64 characters/],
  ['a closing bracket and a URI parameter', '1002>;foo', /cannot be dialled/],
  ['a URI parameter', '1002;user=phone', /cannot be dialled/],
  ['CR/LF and a header', '1002\r\nVia: SIP/2.0/UDP evil', /cannot be dialled/],
  ['a line feed alone', '1002\n', /cannot be dialled/],
  ['NUL', '1002\u0000', /cannot be dialled/],
  ['an @ and a host', '1002@evil.com', /cannot be dialled/],
  ['a whole SIP URI in brackets', '<sip:1002@pbx.example.com>', /cannot be dialled/],
  ['a sip: scheme', 'sip:1002', /cannot be dialled/],
  ['a percent escape', '1002%0d', /cannot be dialled/],
  ['URI headers', '1002?Subject=x', /cannot be dialled/],
  ['a comma', '1002,1', /cannot be dialled/],
  ['a slash', '1002/evil', /cannot be dialled/],
  ['an equals sign', 'alice=bob', /cannot be dialled/],
  ['an ampersand', 'alice&bob', /cannot be dialled/],
  ['a dollar sign', '$1002', /cannot be dialled/],
  ['an apostrophe', "alice'", /cannot be dialled/],
  ['brackets', 'a(b)', /cannot be dialled/],
  ['an exclamation mark', 'alice!', /cannot be dialled/],
  ['a double quote', '"1002"', /cannot be dialled/],
  ['a space inside', '10 02', /cannot be dialled/],
  ['a leading space', ' 1002', /cannot be dialled/],
  ['a trailing space', '1002 ', /cannot be dialled/],
  ['a tab', '1002\t', /cannot be dialled/],
  ['two + signs', '++1002', /cannot be dialled/],
  ['a + in the middle', '10+02', /cannot be dialled/],
  ['only a +', '+', /cannot be dialled/],
  ['+ before a name', '+alice', /cannot be dialled/],
  ['fullwidth digits', '\uFF11\uFF10\uFF10\uFF12', /cannot be dialled/],
  ['Arabic-Indic digits', '\u0661\u0660\u0660\u0662', /cannot be dialled/],
  ['a right-to-left override', '1002\u202E', /cannot be dialled/],
  ['a zero-width space', '10\u200B02', /cannot be dialled/],
  ['an accented letter', 'jos\u00E9', /cannot be dialled/],
  ['a Cyrillic look-alike', '\u0430lice', /cannot be dialled/]
]

describe('validateDialString', () => {
  it.each(ACCEPTED)('passes %j through unchanged', (dialString) => {
    expect(validateDialString(dialString)).toEqual({ ok: true, value: dialString })
  })

  it.each(REFUSED)('refuses %s', (_what, dialString, reason) => {
    const result = validateDialString(dialString)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error).toMatch(reason)
      expect(result.error).toMatch(/^[\x20-\x7E]+$/)
    }
  })
})
