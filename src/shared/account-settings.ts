/**
 * DeskDial's account on the phone system: one schema, used by the settings file, the settings
 * view, the IPC argument checks, the service, the transport and the CLI's `--config` file.
 */
import { z } from 'zod'
import { HOST_NAME, parseServerAddress } from './server-address'
import { SIP_TRANSPORTS } from './sip-transport'
import { fieldProblems, type FieldProblem } from './field-problems'
import { flag, optionalText, text, wholeNumber, withoutUndefined } from './form-fields'

export { DEFAULT_PORTS, isSipTransport, SIP_TRANSPORTS, type SipTransportProtocol } from './sip-transport'

const SIP_USER = /^[A-Za-z0-9._~+-]{1,64}$/
const AUTH_USER = /^[^\s"\\]{1,128}$/
const LINE = /^[A-Za-z0-9*#+._~-]{1,64}$/

/** Addresses as typed, trimmed, empty lines dropped; each must be `host`, `host:port` or `[ipv6]:port`. */
const servers = z
  .array(z.string({ error: 'Server must be a list of addresses.' }), { error: 'Server must be a list of addresses.' })
  .transform((list) => list.map((server) => server.trim()).filter((server) => server !== ''))
  .superRefine((list, context) => {
    for (const server of list) {
      try {
        parseServerAddress(server, 'udp')
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message })
      }
    }
  })

/** Each field of the account on its own; {@link accountSettingsSchema} adds the rules between them. */
export const accountFieldsSchema = z.object({
  /** Phone system addresses, `host` or `host:port`, in failover order. */
  servers,
  transport: z.enum(SIP_TRANSPORTS, { error: 'Transport must be UDP, TCP or TLS.' }),
  /** DeskDial's own account: the user part of its AOR. */
  user: text('Account user').refine(
    (user) => user === '' || SIP_USER.test(user),
    'Account user may contain letters, digits and . _ ~ + - only (at most 64).'
  ),
  /** Digest user name, when it differs from `user`. */
  authUser: optionalText(
    'Authentication user',
    (user) => AUTH_USER.test(user),
    'Authentication user cannot contain spaces, quotes or backslashes.'
  ),
  /** SIP domain of the account, the desk phone and the targets; defaults to the first server's host. */
  domain: optionalText(
    'SIP domain',
    (domain) => HOST_NAME.test(domain),
    'SIP domain must be written like example.com.'
  ),
  /** The user's desk phone number (the REFER's Request-URI user). */
  line: text('Desk phone number').refine(
    (line) => line === '' || LINE.test(line),
    'Desk phone number may contain letters, digits and * # + . _ ~ - only (at most 64).'
  ),
  /** Name shown on the desk phone while it rings. */
  displayName: optionalText(
    'Display name',
    (name) => name.length <= 64 && !/["\\\p{Cc}]/u.test(name),
    'Display name must be at most 64 characters, without quotes or backslashes.'
  ),
  /** Register DeskDial's account (SRST without a pool for the app still takes REFERs). */
  register: flag('Register'),
  /** Requested registration lifetime in seconds. */
  expires: wholeNumber('Registration lifetime (seconds)', 60, 86_400),
  /** PEM file with the CA that signed the phone system's TLS certificate. */
  caFile: optionalText('CA certificate file')
})

export const accountSettingsSchema = accountFieldsSchema.superRefine((account, context) => {
  // No account at all is allowed (DeskDial then waits to be set up); half an account is not.
  if (!isAccountStarted(account)) return
  if (account.servers.length === 0)
    context.addIssue({
      code: 'custom',
      path: ['servers'],
      message: 'Enter the address of your phone system, e.g. pbx.example.com.'
    })
  if (account.user === '')
    context.addIssue({ code: 'custom', path: ['user'], message: "Enter DeskDial's account user, e.g. 201." })
  if (account.line === '')
    context.addIssue({ code: 'custom', path: ['line'], message: 'Enter the number of your desk phone, e.g. 200.' })
})

export type AccountSettings = z.output<typeof accountSettingsSchema>

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  servers: [],
  transport: 'udp',
  user: '',
  line: '',
  register: true,
  expires: 600
}

function isAccountStarted(account: Pick<AccountSettings, 'servers' | 'user' | 'line'>): boolean {
  return account.servers.length > 0 || account.user !== '' || account.line !== ''
}

/** Whether the account has what it takes to reach the phone system: a server, a user and a desk phone. */
export function isAccountConfigured(account: Pick<AccountSettings, 'servers' | 'user' | 'line'>): boolean {
  return account.servers.length > 0 && account.user !== '' && account.line !== ''
}

/**
 * Whether two accounts answer digest challenges for the same identity on the same servers. The
 * stored password may only ever be used for the identity it was saved with.
 */
export function sameAccountIdentity(a: AccountSettings, b: AccountSettings): boolean {
  const identity = (account: AccountSettings) =>
    JSON.stringify([account.servers, account.transport, account.user, account.authUser ?? '', account.domain ?? ''])
  return identity(a) === identity(b)
}

/** Why the stored password is not used for an account whose identity changed. */
export const RETYPE_PASSWORD =
  'Type the password again: the server, the transport, the domain or the user changed, and DeskDial sends the stored password only to the phone system it was saved for.'

export type AccountCheck = { ok: true; account: AccountSettings } | { ok: false; problems: FieldProblem[] }

/** Checks an account from any source; fields are named as in the settings ("account.user"). */
export function checkAccountSettings(value: unknown): AccountCheck {
  const parsed = accountSettingsSchema.safeParse(value)
  return parsed.success
    ? { ok: true, account: withoutUndefined(parsed.data) }
    : { ok: false, problems: fieldProblems(parsed.error, ['account']) }
}

/**
 * What stops the service from using `account`, as sentences; none when it can connect. Unlike the
 * settings, the service needs a whole account.
 */
export function accountProblems(account: AccountSettings): string[] {
  const checked = checkAccountSettings(account)
  if (!checked.ok) return checked.problems.map((problem) => problem.error)
  return isAccountConfigured(account)
    ? []
    : ["Enter the address of your phone system, DeskDial's account user and your desk phone number."]
}
