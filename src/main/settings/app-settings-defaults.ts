import { isSupportedCountry } from 'libphonenumber-js'
import { DEFAULT_ACCOUNT_SETTINGS } from '../../shared/account-settings'
import type { AppSettings } from '../../shared/app-settings'
import { defaultDirectorySettings } from '../../shared/directory-settings'

export const DEFAULT_HOTKEY = 'CommandOrControl+Alt+D'
export const FALLBACK_COUNTRY = 'US'

/** International call prefixes that differ from the ITU-recommended "00". */
const INTERNATIONAL_PREFIXES: Record<string, string> = { US: '011', CA: '011', AU: '0011', JP: '010', KR: '001' }

export function internationalPrefixFor(country: string): string {
  return INTERNATIONAL_PREFIXES[country] ?? '00'
}

/** `code` in upper case when it is a country with a numbering plan. */
export function supportedCountry(code: string | undefined): string | undefined {
  const country = code?.trim().toUpperCase()
  return country && isSupportedCountry(country) ? country : undefined
}

/**
 * The country part of an OS locale ("de-DE", "de_DE.UTF-8", "en-GB@euro"), when it names a
 * country with a numbering plan.
 */
export function countryFromLocale(locale: string | undefined): string | undefined {
  const match = /^[A-Za-z]{2,3}[-_]([A-Za-z]{2})(?:$|[.@\-_])/.exec(locale?.trim() ?? '')
  return supportedCountry(match?.[1])
}

export function defaultAppSettings(country: string = FALLBACK_COUNTRY): AppSettings {
  return {
    account: { ...DEFAULT_ACCOUNT_SETTINGS, servers: [] },
    demo: false,
    dialPlan: {
      country,
      outsideLinePrefix: '',
      internalExtensionLength: 0,
      internationalPrefix: internationalPrefixFor(country),
      dialE164WithPlus: false
    },
    directory: defaultDirectorySettings(),
    hotkey: DEFAULT_HOTKEY,
    trustLinksWithoutConfirmation: false,
    linkAutoDialIntervalSeconds: 30,
    startAtLogin: false,
    notifications: true,
    screenPopUrl: ''
  }
}
