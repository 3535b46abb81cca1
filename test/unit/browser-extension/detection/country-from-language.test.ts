/**
 * countryFromLanguage: the country whose numbers the reader means when DeskDial's settings are not at
 * hand, from `navigator.language`.
 */
import { describe, expect, it } from 'vitest'
import { countryFromLanguage } from '../../../../src/browser-extension/detection'

describe('countryFromLanguage', () => {
  it.each([
    ['de-DE', 'DE'],
    ['de-AT', 'AT'],
    ['fr-CH', 'CH'],
    ['en-GB', 'GB'],
    ['en-US', 'US'],
    ['pt_BR', 'BR'],
    ['de', 'DE'],
    ['fr', 'FR'],
    ['ja', 'JP'],
    ['sv', 'SE'],
    ['da', 'DK'],
    ['nb', 'NO'],
    ['zh-Hant-TW', 'TW']
  ])('%s is %s', (language, country) => {
    expect(countryFromLanguage(language)).toBe(country)
  })

  it.each(['en', 'ar', 'zh', 'es-419', '', 'not a language', 'de-XX'])('%j names no country', (language) => {
    expect(countryFromLanguage(language)).toBeUndefined()
  })
})
