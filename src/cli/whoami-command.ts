/**
 * `deskdial whoami`: who you are in the company directory (by your login name), and the desk phone
 * number and name it gives. The directory's settings come from the administrator's policy and the
 * `--config` settings file, layered as for `dial`. Nothing is guessed: nobody found and several
 * found are said as such.
 * Exit codes: 0 found you with a desk phone number, 1 found nobody, several people or no number
 * (or the directory refused), 2 bad usage or settings, 3 the directory could not be reached.
 */
import {
  defaultDirectorySettings,
  directorySettingsSchema,
  loginAttributesOf,
  type DirectorySettings
} from '../shared/directory-settings'
import { fieldProblems } from '../shared/field-problems'
import { DirectoryError } from '../main/directory'
import { effectiveSettings, settingsPartSchema, type SettingsPart } from '../main/policy'
import { findDirectoryUser, type DirectoryUser, type WhoamiAnswer } from '../main/whoami'
import { parseArguments, readSettingsFile, UsageError } from './cli-options'
import { cliPolicy, loginName } from './policy-layers'

export const WHOAMI_USAGE = `Usage:
  deskdial whoami [--config <settings.json>] [--login NAME] [--login-attribute ATTRIBUTE]... [--json]

Looks you up in the company directory by your login name and prints your desk phone number
(the ipPhone attribute, else telephoneNumber, as the directory settings map them) and your name.
  --config FILE.json        the app's settings file: its "directory" section; the administrator's
                            policy (DESKDIAL_POLICY) fills what it leaves out and wins where it locks
  --login NAME              the login name to look up (default: yours)
  --login-attribute NAME    where the directory keeps login names, matched whole or before "@"
                            (repeat; default: the directory's loginAttributes setting, else uid,
                            or sAMAccountName and userPrincipalName for Active Directory)
  --json                    one JSON object

The bind password comes from the environment variable DESKDIAL_LDAP_PASSWORD.`

const EXIT = { found: 0, notFound: 1, usage: 2, unreachable: 3 } as const
const TIMEOUT_MS = 10_000

export interface WhoamiIo {
  write(line: string): void
  writeError(line: string): void
}

/** The `directory` part of a `--config` file, checked by the settings schema. */
function settingsFilePart(file: string | undefined): SettingsPart {
  if (file === undefined) return {}
  const checked = settingsPartSchema.safeParse({ directory: readSettingsFile(file).directory })
  if (!checked.success)
    throw new UsageError(
      `The settings file ${file} cannot be used: ${fieldProblems(checked.error)
        .map((problem) => `${problem.field}: ${problem.error}`)
        .join(' ')}`
    )
  return checked.data
}

/** The directory settings under the policy, over the defaults of their kind. */
function directorySettings(part: SettingsPart['directory']): DirectorySettings {
  const defaults = defaultDirectorySettings(part?.kind ?? 'openldap')
  const checked = directorySettingsSchema.safeParse({
    ...defaults,
    ...part,
    attributes: { ...defaults.attributes, ...part?.attributes }
  })
  if (!checked.success)
    throw new UsageError(
      `The directory settings cannot be used: ${fieldProblems(checked.error, ['directory'])
        .map((problem) => problem.error)
        .join(' ')}`
    )
  if (checked.data.url === '' || checked.data.baseDn === '')
    throw new UsageError(
      'The company directory is not set up: give its server and base DN in the settings file (--config) or ask your administrator for a policy.'
    )
  return checked.data
}

function describeUser(user: DirectoryUser): string {
  return `${user.name} (${user.dn})${user.deskPhone ? `: ${user.deskPhone}` : ', no desk phone number'}`
}

function sentences(answer: WhoamiAnswer, login: string, attributes: string[]): string[] {
  if (answer.state === 'not-found')
    return [
      `Nobody in the company directory has the login name "${login}" (in ${attributes.join(', ')}). Enter your desk phone number yourself.`
    ]
  if (answer.state === 'several')
    return [
      `${answer.users.length} people in the company directory have the login name "${login}"; DeskDial does not choose one for you:`,
      ...answer.users.map((user) => `  ${describeUser(user)}`)
    ]
  const { user } = answer
  return user.deskPhone
    ? [`You are ${user.name} (${user.dn}). Your desk phone: ${user.deskPhone}.`]
    : [`You are ${user.name} (${user.dn}), but your entry has no desk phone number. Enter it yourself.`]
}

export async function runWhoami(argv: string[], io: WhoamiIo, env: NodeJS.ProcessEnv): Promise<number> {
  const json = argv.includes('--json')
  const report = (message: string, exitCode: number): void =>
    json ? io.write(JSON.stringify({ event: 'error', message, exitCode })) : io.writeError(message)
  let settings: DirectorySettings
  let login: string
  let attributes: string[]
  try {
    const { values, positionals } = parseArguments(argv, {
      config: { type: 'string' },
      login: { type: 'string' },
      'login-attribute': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    })
    if (values.help) {
      io.write(WHOAMI_USAGE)
      return EXIT.found
    }
    if (positionals.length > 0) throw new UsageError('"whoami" takes no arguments; give the login name with --login.')
    const policy = await cliPolicy(env, io.writeError)
    const part = effectiveSettings(policy.defaults, settingsFilePart(values.config), {}, policy.locked)
    settings = directorySettings(part.directory)
    login = values.login ?? loginName(env)
    attributes = values['login-attribute'] ?? loginAttributesOf(settings)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    report(error.message, EXIT.usage)
    if (!json) io.writeError(`\n${WHOAMI_USAGE}`)
    return EXIT.usage
  }
  let answer: WhoamiAnswer
  try {
    answer = await findDirectoryUser({
      settings,
      password: env.DESKDIAL_LDAP_PASSWORD,
      login,
      loginAttributes: attributes,
      timeoutMs: TIMEOUT_MS
    })
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error
    const exitCode = error.kind === 'unreachable' || error.kind === 'timeout' ? EXIT.unreachable : EXIT.notFound
    report(`The company directory could not be asked: ${error.message}`, exitCode)
    return exitCode
  }
  if (json) io.write(JSON.stringify({ event: 'whoami', login, ...answer }))
  else for (const line of sentences(answer, login, attributes)) io.write(line)
  return answer.state === 'found' && answer.user.deskPhone ? EXIT.found : EXIT.notFound
}
