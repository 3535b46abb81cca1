/**
 * The administrator's policy for `deskdial dial` and `deskdial register`, in the app's layers:
 * policy defaults < the `--config` settings file < command-line options < locked policy.
 * With a provisioning URL, the copy in the data folder is used, fetched again only when it is
 * missing or older than `provisioningRefreshHours`, and then briefly.
 */
import { DEFAULT_ACCOUNT_SETTINGS, type AccountSettings } from '../shared/account-settings'
import {
  contradictions,
  describePolicyProblem,
  effectiveSettings,
  loadPolicy,
  loginName,
  policyFilePath,
  type Contradiction,
  type Policy
} from '../main/policy'
import { userDataDirectory } from '../main/settings/user-data-directory'
import { UsageError, type CliCommand } from './cli-options'

export { loginName } from '../main/policy'

/** The CLI waits this long for the provisioning server, then goes on with its last copy. */
const CLI_PROVISIONING_TIMEOUT_MS = 5_000

/** Each command-line option that sets an account key, and what the setting is called in a sentence. */
const OPTIONS: Record<string, { option: string; setting: string }> = {
  'account.servers': { option: '--server', setting: 'the server' },
  'account.transport': { option: '--transport', setting: 'the transport' },
  'account.user': { option: '--user', setting: "DeskDial's account user" },
  'account.authUser': { option: '--auth-user', setting: 'the authentication user' },
  'account.domain': { option: '--domain', setting: 'the SIP domain' },
  'account.line': { option: '--line', setting: 'the desk phone number' },
  'account.register': { option: '--no-register', setting: 'registering' },
  'account.expires': { option: '--expires', setting: 'the registration lifetime' },
  'account.caFile': { option: '--ca', setting: 'the CA file' }
}

function refusal({ key, source, wanted }: Contradiction): string {
  const { option, setting } = OPTIONS[key] ?? { option: key, setting: key }
  const value = typeof wanted === 'boolean' ? '' : ` ${Array.isArray(wanted) ? wanted.join(',') : String(wanted)}`
  return `${option}${value} contradicts ${setting} set by your administrator in ${source}.`
}

/** The policy for a CLI command; its problems and a failed fetch are written with `writeError`, and the rest applies. */
export async function cliPolicy(env: NodeJS.ProcessEnv, writeError: (line: string) => void): Promise<Policy> {
  const state = await loadPolicy(
    {
      file: policyFilePath(env),
      dataDirectory: userDataDirectory(env),
      username: loginName(env),
      timeoutMs: CLI_PROVISIONING_TIMEOUT_MS
    },
    'when-stale'
  )
  for (const problem of state.problems) writeError(describePolicyProblem(problem))
  if (state.notice) writeError(state.notice)
  return state.policy
}

/** The account `command` runs with under the policy; an option contradicting a locked setting is a UsageError. */
export async function accountUnderPolicy(
  command: CliCommand,
  env: NodeJS.ProcessEnv,
  writeError: (line: string) => void
): Promise<AccountSettings> {
  if (!command.layers) return watchNeedsNoDeskPhone(command, command.account)
  const policy = await cliPolicy(env, writeError)
  const options = { account: command.layers.options }
  const refused = contradictions(policy, options)
  if (refused.length > 0) throw new UsageError(refused.map(refusal).join(' '))
  const { account } = effectiveSettings(
    policy.defaults,
    { account: command.layers.settingsFile },
    options,
    policy.locked
  )
  return watchNeedsNoDeskPhone(command, { ...DEFAULT_ACCOUNT_SETTINGS, ...account })
}

/** `watch` places no call, so it needs no desk phone: the account's own number stands in for the check. */
function watchNeedsNoDeskPhone(command: CliCommand, account: AccountSettings): AccountSettings {
  return command.command === 'watch' && !account.line.trim() ? { ...account, line: account.user } : account
}
