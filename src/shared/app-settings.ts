/**
 * Everything DeskDial keeps in its settings file, as one schema: the settings view, the IPC
 * argument checks, the file's repair and electron-store's write checks all use it.
 */
import { isSupportedCountry } from 'libphonenumber-js'
import { z } from 'zod'
import { accountFieldsSchema, accountSettingsSchema } from './account-settings'
import { DIRECTORY_FIELD_LABELS, directorySettingsSchema } from './directory-settings'
import { fieldProblems, type FieldProblem } from './field-problems'
import { flag, text, wholeNumber, withoutUndefined } from './form-fields'
import { hotkeyProblem } from './hotkey-accelerator'
import { isScreenPopTemplate } from './screen-pop'

/** How the phone system wants numbers dialled (applied after E.164 normalisation). */
export const dialPlanSettingsSchema = z.object({
  /** ISO 3166-1 alpha-2 country of the desk phone, e.g. "DE", "US", "GB". */
  country: text('Country')
    .transform((country) => country.toUpperCase())
    .refine(
      (country): boolean => isSupportedCountry(country),
      'Choose the country of your desk phone, e.g. DE, GB or US.'
    ),
  /** Digit(s) for an outside line, e.g. "0" or "9"; empty when none is needed. */
  outsideLinePrefix: text('Outside line prefix').refine(
    (prefix) => /^[0-9*#]{0,8}$/.test(prefix),
    'Outside line prefix must be up to 8 digits (or * and #), e.g. 0 or 9, or empty when none is needed.'
  ),
  /** Internal extensions have exactly this many digits and are dialled as they are (0 = none). */
  internalExtensionLength: wholeNumber('Internal extension length', 0, 15),
  /** The prefix for international calls from this country, e.g. "00" or "011". */
  internationalPrefix: text('International prefix').refine(
    (prefix) => /^[0-9]{1,8}$/.test(prefix),
    'International prefix must be 1 to 8 digits, e.g. 00 or 011.'
  ),
  /** Send E.164 numbers as +<digits> instead of applying national/international prefixes. */
  dialE164WithPlus: flag('Dial numbers with +')
})

export const appSettingsSchema = z.object(
  {
    account: accountSettingsSchema,
    /**
     * The account is the built-in demo phone system's, which DeskDial runs itself on this computer:
     * it starts with DeskDial, with a new port and password each time (see the backend's DemoMode).
     */
    demo: flag('Built-in demo phone system'),
    dialPlan: dialPlanSettingsSchema,
    /** The company directory searched with DeskDial's contacts. */
    directory: directorySettingsSchema,
    /** Electron accelerator for the quick-dial window; empty for none. */
    hotkey: text('Quick-dial hotkey').superRefine((hotkey, context) => {
      const problem = hotkey === '' ? undefined : hotkeyProblem(hotkey)
      if (problem) context.addIssue({ code: 'custom', message: problem })
    }),
    /** Links from other applications (tel:, sip:, callto:) are shown for confirmation unless this is true. */
    trustLinksWithoutConfirmation: flag('Dial links without asking'),
    /** Even trusted, at most one link is dialled without asking in this many seconds. */
    linkAutoDialIntervalSeconds: wholeNumber('Seconds between links dialled without asking', 5, 3_600),
    startAtLogin: flag('Start at login'),
    notifications: flag('Notifications'),
    /** Opened in the default browser when the desk phone rings with a call: `{e164}` is the caller's number; empty for none. */
    screenPopUrl: text('Screen-pop URL').refine(
      isScreenPopTemplate,
      'The screen-pop URL must be a web address starting with https://, e.g. https://crm.example.com/find?phone={e164}, or empty.'
    )
  },
  { error: 'The settings are missing.' }
)

export type DialPlanSettings = z.output<typeof dialPlanSettingsSchema>
export type AppSettings = z.output<typeof appSettingsSchema>

export type SettingsCheck = { ok: true; settings: AppSettings } | { ok: false; problems: FieldProblem[] }

/**
 * Checks settings from any source (the settings file, the renderer) and returns them trimmed and
 * without unknown keys, or every problem as a sentence for the field it is about.
 */
export function checkAppSettings(value: unknown): SettingsCheck {
  return checkWith(appSettingsSchema, value)
}

/**
 * The settings' fields one by one, without the rules between them ("an account with a server
 * needs a user"): what DeskDial runs with under a policy that sets part of the account, the rest
 * left to the user. The service starts only once the account is complete.
 */
const appSettingsFieldsSchema = appSettingsSchema.extend({ account: accountFieldsSchema })

export function checkSettingsFields(value: unknown): SettingsCheck {
  return checkWith(appSettingsFieldsSchema, value)
}

function checkWith(schema: typeof appSettingsFieldsSchema, value: unknown): SettingsCheck {
  const parsed = schema.safeParse(value)
  if (!parsed.success) return { ok: false, problems: fieldProblems(parsed.error) }
  const settings = parsed.data
  return {
    ok: true,
    settings: {
      ...settings,
      account: withoutUndefined(settings.account),
      directory: withoutUndefined(settings.directory)
    }
  }
}

const LABELS: Record<string, string> = {
  'account.servers': 'Server',
  'account.transport': 'Transport',
  'account.user': 'Account user',
  'account.authUser': 'Authentication user',
  'account.domain': 'SIP domain',
  'account.line': 'Desk phone number',
  'account.displayName': 'Display name',
  'account.register': 'Register',
  'account.expires': 'Registration lifetime (seconds)',
  'account.caFile': 'CA certificate file',
  demo: 'Built-in demo phone system',
  'dialPlan.country': 'Country',
  'dialPlan.outsideLinePrefix': 'Outside line prefix',
  'dialPlan.internalExtensionLength': 'Internal extension length',
  'dialPlan.internationalPrefix': 'International prefix',
  'dialPlan.dialE164WithPlus': 'Dial numbers with +',
  hotkey: 'Quick-dial hotkey',
  trustLinksWithoutConfirmation: 'Dial links without asking',
  linkAutoDialIntervalSeconds: 'Seconds between links dialled without asking',
  startAtLogin: 'Start at login',
  notifications: 'Notifications',
  screenPopUrl: 'Screen-pop URL',
  ...DIRECTORY_FIELD_LABELS
}

/** The name a person sees in Settings for a dotted field path. */
export function settingsFieldLabel(field: string): string {
  return LABELS[field] ?? field
}
