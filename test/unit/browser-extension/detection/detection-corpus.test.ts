/**
 * The labelled corpus (test/fixtures/phone-detection): DeskDial finds at least 98% of the 370 phone
 * numbers with exactly their span, and takes nothing else for a number, neither beside them nor in
 * the 400 texts full of look-alikes.
 */
import { isValidPhoneNumber, type CountryCode } from 'libphonenumber-js/max'
import { describe, expect, it } from 'vitest'
import { findPhoneNumbers } from '../../../../src/browser-extension/detection'
import { lookAlikeCorpus, numbersCorpus, score } from '../../../fixtures/phone-detection/corpus'

const detect = (text: string, country: string) => findPhoneNumbers(text, country)

/** "-23" after "Durchwahl": an extension of the number before it. */
const isExtensionAlone = (shown: string): boolean => /^[-–]?\d{1,6}$/.test(shown)

/** Whether `shown` is a valid number once its extension ("ext. 12", "poste 214", "-12") is set aside. */
function isValidMainNumber(shown: string, country: CountryCode): boolean {
  const plain = shown.replace(/[\u2000-\u200a\u202f]/g, ' ').replace(/\((\+\d+)\)/, '$1')
  const main = plain.replace(/,?\s*(?:ext\.|extension|x|poste|Durchwahl)\s*\d+$/i, '')
  return [main, main.replace(/\s?-\s?\d{1,5}$/, '')].some((number) => isValidPhoneNumber(number, country))
}

describe('the phone-detection corpus', () => {
  it('has at least 300 numbers and 300 look-alikes, every labelled number a valid one', () => {
    const numbers = numbersCorpus()
    const lookAlikes = lookAlikeCorpus()
    expect(numbers.flatMap((entry) => entry.numbers).length).toBeGreaterThanOrEqual(300)
    expect(lookAlikes.length).toBeGreaterThanOrEqual(300)
    const invalid = [...numbers, ...lookAlikes].flatMap((entry) =>
      entry.numbers
        .filter((shown) => !isExtensionAlone(shown) && !isValidMainNumber(shown, entry.country as CountryCode))
        .map((shown) => `${entry.country} ${shown}`)
    )
    expect(invalid).toEqual([])
  })

  it('finds at least 98% of the numbers, each with its exact span', () => {
    const result = score(detect, numbersCorpus())
    expect(result.missed).toEqual([])
    expect(result.wrongSpan).toEqual([])
    expect(result.recall).toBeGreaterThanOrEqual(0.98)
  })

  it('takes no look-alike for a number, and still finds the numbers beside them', () => {
    const result = score(detect, lookAlikeCorpus())
    expect(result.falsePositives).toEqual([])
    expect(result.recall).toBeGreaterThanOrEqual(0.98)
  })

  it('takes nothing but the labelled numbers in the numbers corpus either', () => {
    expect(score(detect, numbersCorpus()).falsePositives).toEqual([])
  })
})
