import { readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import {
  accountFieldsSchema,
  DEFAULT_ACCOUNT_SETTINGS,
  isSipTransport,
  type AccountSettings
} from '../shared/account-settings'
import { fieldProblems } from '../shared/field-problems'
import { withoutUndefined } from '../shared/form-fields'
import { isRecord } from '../shared/is-record'
import { AFTER_CALL_LINGER_MS } from '../main/service/deskdial-service-api'

export const USAGE = `Usage:
  deskdial dial <number> [options]   ring your desk phone, then connect it to <number>
  deskdial register [options]        register DeskDial's account, report, unregister
  deskdial watch <number>... [options] [--duration SECONDS]
                                     show each line's state (idle, ringing, dialing, in a call) as it changes
  deskdial demo-pbx [options]        run the built-in demo phone system (deskdial demo-pbx --help)
  deskdial demo [--json]             try DeskDial against the built-in demo phone system
  deskdial contacts import|export <file.vcf|file.csv>
                                     import or export your contacts (deskdial contacts --help)
  deskdial search <query> [options]  search your contacts and the company directory (deskdial search --help)
  deskdial whoami [--json]           your desk phone number and name in the company directory (deskdial whoami --help)
  deskdial browser-host install|uninstall|status
                                     connect the browser extension to DeskDial (deskdial browser-host --help)

Options:
  --server host[:port]    phone system address (repeat, or separate with commas, for failover)
  --transport udp|tcp|tls (default udp)
  --user NAME             DeskDial's own SIP account (also the auth user unless --auth-user)
  --auth-user NAME        digest user name, when it differs from --user
  --password-stdin        read the password from standard input, one line (e.g. from a password manager)
  --password PASS         avoid: every user of this machine can read it with ps; set DESKDIAL_PASSWORD
                          or use --password-stdin instead
  --domain DOMAIN         SIP domain (default: the server's host)
  --line NUMBER           your desk phone's number (the phone that rings first)
  --no-register           do not register (e.g. an SRST without a pool for DeskDial)
  --expires SECONDS       registration lifetime (default 600)
  --ca FILE               PEM file with the CA of the phone system's TLS certificate
  --config FILE.json      settings file (the app's keys); options above override it
  --timeout SECONDS       give up after this long (default 60); a failed registration is retried until
                          then, unless the phone system refused it for good (wrong password, 403, 404)
  --duration SECONDS      watch: stop after this long (default: until interrupted)
  --json                  one JSON object per line instead of sentences
  --verbose               SIP diagnostics on stderr
  --trace                 every SIP message sent and received on stderr, as it happens (digests redacted)
  --help

DESKDIAL_POLICY=FILE names the administrator's policy file instead of /etc/deskdial/policy.json (Linux),
/Library/Application Support/DeskDial/policy.json (macOS) or %ProgramData%\\DeskDial\\policy.json (Windows):
its defaults fill what the settings file and the options leave out; an option contradicting a locked setting is refused.

After a dial, deskdial stays up to ${AFTER_CALL_LINGER_MS / 1000} s more to answer the phone system's repeated NOTIFYs.`

export interface CliCommand {
  command: 'dial' | 'register' | 'watch'
  number?: string
  /** `watch`: the numbers whose lines to watch. */
  numbers?: string[]
  /** `watch --duration`: seconds to watch; undefined until interrupted. */
  durationSeconds?: number
  account: AccountSettings
  password?: string
  /** `--password-stdin`: the caller reads `password` from standard input (readPasswordLine). */
  passwordFromStdin: boolean
  timeoutSeconds: number
  json: boolean
  verbose: boolean
  trace: boolean
  /** Where `account` came from, for the policy's layers (src/cli/policy-layers.ts); the demo has none. */
  layers?: { settingsFile: Partial<AccountSettings>; options: Partial<AccountSettings> }
}

/** A usage or configuration problem: the CLI prints it and exits 2. */
export class UsageError extends Error {}

/** A command's options and its positionals, with parseArgs' sentence for an unknown or malformed option as a UsageError. */
export function parseArguments<const Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options
): ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** The app's settings file (`{version, settings: {account}}`), its settings (`{account}`), or just the account keys. */
function accountSection(settings: Record<string, unknown>): Record<string, unknown> {
  return isRecord(settings.account) ? settings.account : settings
}

/** A `--config` file as JSON: the app's settings file (`{version, settings}`), or its settings alone. */
export function readSettingsFile(file: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`Could not read the settings file ${file}: ${(error as Error).message}`)
  }
  if (!isRecord(parsed)) throw new UsageError(`The settings file ${file} must hold a JSON object.`)
  return isRecord(parsed.settings) ? parsed.settings : parsed
}

/** The account keys of a settings file, checked by the same schema as the app's settings. */
function readConfig(file: string): Partial<AccountSettings> {
  const checked = accountFieldsSchema.partial().safeParse(accountSection(readSettingsFile(file)))
  if (!checked.success) {
    throw new UsageError(
      `The settings file ${file} cannot be used: ${fieldProblems(checked.error, ['account'])
        .map((problem) => `${problem.field}: ${problem.error}`)
        .join(' ')}`
    )
  }
  return withoutUndefined(checked.data)
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliCommand | 'help' {
  const parsed = parseArguments(argv, {
    server: { type: 'string', multiple: true },
    transport: { type: 'string' },
    user: { type: 'string' },
    'auth-user': { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    domain: { type: 'string' },
    line: { type: 'string' },
    'no-register': { type: 'boolean' },
    expires: { type: 'string' },
    ca: { type: 'string' },
    config: { type: 'string' },
    timeout: { type: 'string' },
    duration: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    trace: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return 'help'
  const [command, ...rest] = positionals
  if (command !== 'dial' && command !== 'register' && command !== 'watch')
    throw new UsageError(
      `Unknown command "${command}": use "dial <number>", "register", "watch <number>...", "search", "contacts", "demo-pbx" or "demo".`
    )
  if (command === 'watch' && rest.length === 0)
    throw new UsageError('Give the numbers to watch, e.g. deskdial watch 1001 1002 --server pbx --user deskdial')
  const durationSeconds = values.duration === undefined ? undefined : Number(values.duration)
  if (durationSeconds !== undefined && (!Number.isFinite(durationSeconds) || durationSeconds <= 0))
    throw new UsageError('--duration must be a positive number of seconds.')
  if (command === 'dial' && rest.length !== 1)
    throw new UsageError(
      'Give exactly one number to dial, e.g. deskdial dial 1002 --server pbx --user deskdial --line 1001'
    )
  if (command === 'register' && rest.length !== 0) throw new UsageError('"register" takes no number.')

  const settingsFile = values.config ? readConfig(values.config) : {}
  const account: Partial<AccountSettings> = {}
  if (values.server)
    account.servers = values.server
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean)
  if (values.transport !== undefined) {
    if (!isSipTransport(values.transport))
      throw new UsageError(`--transport must be udp, tcp or tls, not "${values.transport}".`)
    account.transport = values.transport
  }
  if (values.user !== undefined) account.user = values.user
  if (values['auth-user'] !== undefined) account.authUser = values['auth-user']
  if (values.domain !== undefined) account.domain = values.domain
  if (values.line !== undefined) account.line = values.line
  if (values.ca !== undefined) account.caFile = values.ca
  if (values['no-register']) account.register = false
  if (values.expires !== undefined) account.expires = Number(values.expires)
  const passwordFromStdin = values['password-stdin'] === true
  if (passwordFromStdin && values.password !== undefined)
    throw new UsageError('Give the password either with --password-stdin or with --password, not both.')
  const timeoutSeconds = values.timeout === undefined ? 60 : Number(values.timeout)
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 3_600)
    throw new UsageError('--timeout must be a number of seconds between 1 and 3600.')
  return {
    command,
    number: rest[0],
    numbers: command === 'watch' ? rest : [],
    durationSeconds,
    account: { ...DEFAULT_ACCOUNT_SETTINGS, ...settingsFile, ...account },
    layers: { settingsFile, options: account },
    password: passwordFromStdin ? undefined : (values.password ?? env.DESKDIAL_PASSWORD),
    passwordFromStdin,
    timeoutSeconds,
    json: values.json === true,
    verbose: values.verbose === true,
    trace: values.trace === true
  }
}
