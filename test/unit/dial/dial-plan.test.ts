import { describe, it, expect } from 'vitest'
import { planDial, type DialKind } from '../../../src/main/dial/dial-plan'
import type { DialPlanSettings } from '../../../src/shared/app-settings'

const DE: DialPlanSettings = {
  country: 'DE',
  outsideLinePrefix: '0',
  internalExtensionLength: 3,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const DE_DIRECT: DialPlanSettings = { ...DE, outsideLinePrefix: '', internalExtensionLength: 4 }
const DE_E164: DialPlanSettings = { ...DE, dialE164WithPlus: true }
const US: DialPlanSettings = {
  country: 'US',
  outsideLinePrefix: '9',
  internalExtensionLength: 4,
  internationalPrefix: '011',
  dialE164WithPlus: false
}
const US_DIRECT: DialPlanSettings = { ...US, outsideLinePrefix: '', internalExtensionLength: 5 }
const GB: DialPlanSettings = {
  country: 'GB',
  outsideLinePrefix: '9',
  internalExtensionLength: 4,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const FR: DialPlanSettings = {
  country: 'FR',
  outsideLinePrefix: '0',
  internalExtensionLength: 3,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const CH: DialPlanSettings = {
  country: 'CH',
  outsideLinePrefix: '0',
  internalExtensionLength: 3,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const AT: DialPlanSettings = {
  country: 'AT',
  outsideLinePrefix: '0',
  internalExtensionLength: 5,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const IN: DialPlanSettings = {
  country: 'IN',
  outsideLinePrefix: '0',
  internalExtensionLength: 5,
  internationalPrefix: '00',
  dialE164WithPlus: false
}
const AU: DialPlanSettings = {
  country: 'AU',
  outsideLinePrefix: '0',
  internalExtensionLength: 4,
  internationalPrefix: '0011',
  dialE164WithPlus: false
}
const AU_E164: DialPlanSettings = { ...AU, dialE164WithPlus: true }

type Row = [plan: string, input: string, dialString: string, display: string, kind: DialKind, e164?: string]
const PLANS: Readonly<Record<string, DialPlanSettings>> = {
  DE,
  DE_DIRECT,
  DE_E164,
  US,
  US_DIRECT,
  GB,
  FR,
  CH,
  AT,
  IN,
  AU,
  AU_E164
}

const DIALLED: readonly Row[] = [
  // Germany, outside line 0, 3-digit extensions
  ['DE', '0201 555 0123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '0201/555-0123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '(0201) 555.0123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '+49 (0)201 555 0123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '+49(0)2015550123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '0049 201 5550123', '002015550123', '0 0201 5550123', 'national', '+492015550123'],
  ['DE', '0176 12345678', '0017612345678', '0 0176 12345678', 'national', '+4917612345678'],
  ['DE', '+44 20 7946 0958', '000442079460958', '0 00 44 20 7946 0958', 'international', '+442079460958'],
  ['DE', '+44 (0)20 7946 0958', '000442079460958', '0 00 44 20 7946 0958', 'international', '+442079460958'],
  ['DE', '00 1 201 555 0123', '00012015550123', '0 00 1 201 555 0123', 'international', '+12015550123'],
  ['DE', '00201 5550123', '0002015550123', '0 00 20 15 550123', 'international', '+2015550123'],
  ['DE', '123', '123', '123', 'internal'],
  ['DE', '110', '110', '110', 'service'],
  ['DE', '112', '112', '112', 'service'],
  ['DE', '0112', '0112', '0112', 'service'],
  ['DE', '116 117', '0116117', '0 116117', 'service'],
  ['DE', '11833', '011833', '0 11833', 'service'],
  ['DE', '*31#', '*31#', '*31#', 'service'],
  ['DE', '#31# 0201 5550123', '#31#02015550123', '#31#02015550123', 'service'],
  // Germany, no outside-line prefix, 4-digit extensions
  ['DE_DIRECT', '0201 5550123', '02015550123', '0201 5550123', 'national', '+492015550123'],
  ['DE_DIRECT', '1002', '1002', '1002', 'internal'],
  ['DE_DIRECT', '+1 (201) 555-0123', '0012015550123', '00 1 201 555 0123', 'international', '+12015550123'],
  ['DE_DIRECT', '116117', '116117', '116117', 'service'],
  ['DE_DIRECT', '115', '115', '115', 'service'],
  ['DE', '115', '115', '115', 'internal'],
  // Germany, the phone system takes E.164 with +
  ['DE_E164', '0201 5550123', '+492015550123', '+49 201 5550123', 'national', '+492015550123'],
  ['DE_E164', '+1 201 555 0123', '+12015550123', '+1 201 555 0123', 'international', '+12015550123'],
  ['DE_E164', '00 44 20 7946 0958', '+442079460958', '+44 20 7946 0958', 'international', '+442079460958'],
  ['DE_E164', '116117', '0116117', '0 116117', 'service'],
  ['DE_E164', '112', '112', '112', 'service'],
  ['DE_E164', '123', '123', '123', 'internal'],
  // United States, outside line 9, 4-digit extensions: NANP numbers as 1 + ten digits
  ['US', '(201) 555-0123', '912015550123', '9 1 201 555 0123', 'national', '+12015550123'],
  ['US', '201.555.0123', '912015550123', '9 1 201 555 0123', 'national', '+12015550123'],
  ['US', '1-201-555-0123', '912015550123', '9 1 201 555 0123', 'national', '+12015550123'],
  ['US', '+1 201 555 0123', '912015550123', '9 1 201 555 0123', 'national', '+12015550123'],
  ['US', '1 800 356 9377', '918003569377', '9 1 800 356 9377', 'national', '+18003569377'],
  ['US', '+1 416 555 0123', '914165550123', '9 1 416 555 0123', 'national', '+14165550123'],
  ['US', '011 49 201 5550123', '9011492015550123', '9 011 49 201 5550123', 'international', '+492015550123'],
  ['US', '0049 201 5550123', '9011492015550123', '9 011 49 201 5550123', 'international', '+492015550123'],
  ['US', '+49 (0)201 5550123', '9011492015550123', '9 011 49 201 5550123', 'international', '+492015550123'],
  ['US', '1002', '1002', '1002', 'internal'],
  ['US', '911', '911', '911', 'service'],
  ['US', '9911', '9911', '9911', 'service'],
  ['US', '411', '9411', '9 411', 'service'],
  ['US', '988', '9988', '9 988', 'service'],
  ['US', '*67', '*67', '*67', 'service'],
  ['US_DIRECT', '(201) 555-0123', '12015550123', '1 201 555 0123', 'national', '+12015550123'],
  ['US_DIRECT', '10020', '10020', '10020', 'internal'],
  // United Kingdom, outside line 9
  ['GB', '020 7946 0958', '902079460958', '9 020 7946 0958', 'national', '+442079460958'],
  ['GB', '+44 (0)20 7946 0958', '902079460958', '9 020 7946 0958', 'national', '+442079460958'],
  ['GB', '0118 496 0000', '901184960000', '9 0118 496 0000', 'national', '+441184960000'],
  ['GB', '+49 201 5550123', '900492015550123', '9 00 49 201 5550123', 'international', '+492015550123'],
  ['GB', '999', '999', '999', 'service'],
  ['GB', '111', '9111', '9 111', 'service'],
  ['GB', '2001', '2001', '2001', 'internal'],
  // France, outside line 0, 3-digit extensions
  ['FR', '01 23 45 67 89', '00123456789', '0 01 23 45 67 89', 'national', '+33123456789'],
  ['FR', '+33 (0)1 23 45 67 89', '00123456789', '0 01 23 45 67 89', 'national', '+33123456789'],
  ['FR', '15', '15', '15', 'service'],
  ['FR', '3949', '03949', '0 3949', 'service'],
  ['FR', '0041 44 668 18 00', '00041446681800', '0 00 41 44 668 18 00', 'international', '+41446681800'],
  // Switzerland
  ['CH', '044 668 18 00', '00446681800', '0 044 668 18 00', 'national', '+41446681800'],
  ['CH', '+41 44 668 18 00', '00446681800', '0 044 668 18 00', 'national', '+41446681800'],
  ['CH', '117', '117', '117', 'service'],
  ['CH', '1414', '1414', '1414', 'service'],
  ['CH', '143', '143', '143', 'internal'],
  // Austria, 5-digit extensions
  ['AT', '01 588580', '001588580', '0 01 588580', 'national', '+431588580'],
  ['AT', '133', '133', '133', 'service'],
  ['AT', '12345', '12345', '12345', 'internal'],
  // India
  ['IN', '022 2345 6789', '002223456789', '0 022 2345 6789', 'national', '+912223456789'],
  ['IN', '+91 98765 43210', '009876543210', '0 098765 43210', 'national', '+919876543210'],
  ['IN', '100', '100', '100', 'service'],
  // Australia, international prefix 0011
  ['AU', '(02) 9876 5432', '00298765432', '0 (02) 9876 5432', 'national', '+61298765432'],
  ['AU', '0011 49 201 5550123', '00011492015550123', '0 0011 49 201 5550123', 'international', '+492015550123'],
  ['AU', '00 49 201 5550123', '00011492015550123', '0 0011 49 201 5550123', 'international', '+492015550123'],
  ['AU', '000', '000', '000', 'service'],
  ['AU', '4321', '4321', '4321', 'internal'],
  ['AU_E164', '02 9876 5432', '+61298765432', '+61 2 9876 5432', 'national', '+61298765432']
]

describe('planDial', () => {
  it.each(DIALLED)('%s: %s → %s', (plan, input, dialString, display, kind, e164) => {
    expect(planDial(input, PLANS[plan] as DialPlanSettings)).toEqual({
      ok: true,
      dialString,
      display,
      kind,
      ...(e164 === undefined ? {} : { e164 })
    })
  })

  it('groups for people exactly the digits it dials', () => {
    for (const [plan, input] of DIALLED) {
      const result = planDial(input, PLANS[plan] as DialPlanSettings)
      if (!result.ok) throw new Error(`${input} was refused: ${result.error}`)
      expect(result.display.replace(/[^0-9*#+]/g, '')).toBe(result.dialString)
    }
  })

  it.each([
    ['DE', ['110', '112']],
    ['AT', ['112', '122', '133', '144']],
    ['AU', ['000', '112']],
    ['CA', ['911']],
    ['CH', ['112', '117', '118', '144', '1414']],
    ['FR', ['112', '15', '17', '18', '114', '115', '119', '191', '196']],
    ['GB', ['999', '112']],
    ['IN', ['112', '100', '101', '102', '108']],
    ['US', ['911']],
    ['NL', ['112', '911']]
  ])(
    'dials the emergency numbers of %s exactly as typed, without an outside line, whatever the extension length',
    (country, numbers) => {
      for (const number of numbers) {
        for (const internalExtensionLength of [0, 2, 3, 4]) {
          const plan = { ...US, country, outsideLinePrefix: '9', internalExtensionLength }
          expect(planDial(number, plan)).toEqual({ ok: true, dialString: number, display: number, kind: 'service' })
          expect(planDial(` 9 ${number} `, plan)).toEqual({
            ok: true,
            dialString: `9${number}`,
            display: `9${number}`,
            kind: 'service'
          })
        }
      }
    }
  )

  it('does not treat another country’s emergency number as one', () => {
    expect(planDial('999', DE)).toMatchObject({ ok: true, kind: 'internal' })
    expect(planDial('999', DE_DIRECT).ok).toBe(false)
  })

  it.each([
    ['DE', '', /nothing to dial/],
    ['DE', '   ', /nothing to dial/],
    ['DE', '1-800-FLOWERS', /vanity number such as 1-800-FLOWERS/],
    ['DE', 'call 0201 5550123', /letters/],
    ['DE', '0201 555 0123 ext. 22', /letters/],
    ['DE', '0201 5550123;ext=1', /characters a phone number cannot have/],
    ['DE', '0201\n5550123', /control characters/],
    ['DE', '0201\u202E5550123', /invisible formatting characters/],
    ['DE', '\uFF10\uFF12\uFF10\uFF11 5550123', /digits from another writing system/],
    ['DE', '++49 201 5550123', /more than one \+/],
    ['DE', '49+201 5550123', /only stand at the very beginning/],
    ['DE', '+49 *31#', /cannot contain \* or #/],
    ['US', '9(0)11', /a \(0\) that does not follow a country code/],
    ['GB', '+44 20 (0)7946 0958', /a \(0\) that does not follow a country code/],
    ['DE', '---', /no digits/],
    ['DE', '1'.repeat(33), /more than 32 digits/],
    ['DE', `0201 ${' '.repeat(100)}5550123`, /longer than 100 characters/],
    [
      'DE',
      '12',
      /too short for a phone number in the dial plan's country \(Germany\) and is not a 3-digit extension: .*area code/
    ],
    [
      'DE_DIRECT',
      '12',
      /too short for a phone number in the dial plan's country \(Germany\) and is not a 4-digit extension/
    ],
    ['DE', '0201 5550123 4567 8901', /too many digits for a phone number in the dial plan's country \(Germany\)/],
    ['DE', '+49 1', /too short for a phone number for its country code/],
    ['DE', '+999 1234 5678', /does not start with a known country code/],
    [
      'US',
      '555-0123',
      /too short for a phone number in the dial plan's country \(United States\) and is not a 4-digit extension/
    ],
    ['US', '(101) 555-0123', /not a valid phone number in the dial plan's country \(United States\)/],
    ['GB', '07700 900123', /not a valid phone number in the dial plan's country \(United Kingdom\)/],
    [
      'US_DIRECT',
      '12345678',
      /too short for a phone number in the dial plan's country \(United States\) and is not a 5-digit extension/
    ]
  ])('%s refuses %j', (plan, input, reason) => {
    const result = planDial(input, PLANS[plan] as DialPlanSettings)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(reason)
  })

  it('asks for the international prefix before dialling abroad without one', () => {
    const plan = { ...DE, internationalPrefix: '' }
    expect(planDial('+44 20 7946 0958', plan)).toEqual({
      ok: false,
      error: 'To call numbers abroad, set the international prefix (for example 00 or 011) in Settings.'
    })
    expect(planDial('0201 5550123', plan)).toMatchObject({ ok: true, dialString: '002015550123' })
    expect(planDial('+44 20 7946 0958', { ...plan, dialE164WithPlus: true })).toMatchObject({
      ok: true,
      dialString: '+442079460958'
    })
  })

  it('reads the country case-insensitively', () => {
    expect(planDial('0201 5550123', { ...DE, country: 'de' })).toMatchObject({ ok: true, dialString: '002015550123' })
  })

  it.each([
    [{ ...DE, country: 'XX' }, /no valid country/],
    [{ ...DE, country: '' }, /no valid country/],
    [{ ...DE, outsideLinePrefix: '0;user=phone' }, /outside-line prefix in Settings may contain only digits/],
    [{ ...DE, internationalPrefix: '+' }, /international prefix in Settings may contain only digits/],
    [{ ...DE, internalExtensionLength: 2.5 }, /whole number from 0 to 15/],
    [{ ...DE, internalExtensionLength: -1 }, /whole number from 0 to 15/],
    [{ ...DE, internalExtensionLength: 16 }, /whole number from 0 to 15/]
  ])('refuses to dial with broken settings %#', (plan, reason) => {
    const result = planDial('0201 5550123', plan)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(reason)
  })

  it('accepts an outside-line prefix with * and # from the settings', () => {
    expect(planDial('0201 5550123', { ...DE, outsideLinePrefix: '*9' })).toMatchObject({
      ok: true,
      dialString: '*902015550123',
      display: '*9 0201 5550123'
    })
  })
})
