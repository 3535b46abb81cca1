/**
 * `deskdial`: the DeskDial service without Electron, for scripts, support and tests.
 * Exit codes: 0 connected/registered, 1 refused or failed, 2 bad usage or configuration,
 * 3 the phone system could not be reached.
 */
import { isFinalCallState, type CallProgress } from '../shared/call-progress'
import { meansNoAnswer } from '../shared/no-answer'
import { settleWithin } from '../shared/settle-within'
import type { RegistrationStatus } from '../shared/registration-status'
import { formatLoggedMessage, SipMessageLog } from '../main/diagnostics'
import { DeskDialService } from '../main/service/deskdial-service'
import { AFTER_CALL_LINGER_MS } from '../main/service/deskdial-service-api'
import type { SipTrace } from '../shared/sip-trace'
import { parseCli, USAGE, UsageError, type CliCommand } from './cli-options'
import { readPasswordLine } from './password-stdin'
import { accountUnderPolicy } from './policy-layers'
import { watchLines } from './watch-command'

export const EXIT = { connected: 0, failed: 1, usage: 2, unreachable: 3 } as const

/** SIP codes that mean nobody answered rather than that somebody said no. */

interface Output {
  registration(status: RegistrationStatus): void
  call(progress: CallProgress): void
  error(message: string, exitCode: number): void
  /** A line of `watch`'s output, already formatted. */
  line(text: string): void
}

function registrationDetail(status: RegistrationStatus): string {
  if (status.state === 'registered' && status.expiresSeconds)
    return ` (for ${status.expiresSeconds} s at ${status.server})`
  if (status.state === 'retrying' && status.retryInSeconds !== undefined)
    return ` Retrying in ${status.retryInSeconds} s.`
  return ''
}

function makeOutput(json: boolean, write: (line: string) => void, writeError: (line: string) => void): Output {
  if (json) {
    return {
      registration: (status) => write(JSON.stringify({ event: 'registration', ...status })),
      call: (progress) => write(JSON.stringify({ event: 'call', ...progress })),
      error: (message, exitCode) => write(JSON.stringify({ event: 'error', message, exitCode })),
      line: write
    }
  }
  return {
    registration: (status) => write(`Registration: ${status.reason}${registrationDetail(status)}`),
    call: (progress) =>
      write(
        `Call ${progress.target}: ${progress.reason}${progress.code && progress.state === 'failed' ? ` [SIP ${progress.code}]` : ''}`
      ),
    error: (message) => writeError(message),
    line: write
  }
}

/**
 * Resolves with the registration's outcome: registered, or a final refusal. A failure the service
 * retries (after its backoff, with a new REGISTER) is waited out: `--timeout` bounds the wait.
 */
function registrationOutcome(service: DeskDialService): Promise<RegistrationStatus> {
  return new Promise((resolve) => {
    const settle = (status: RegistrationStatus): void => {
      if (status.state === 'registered' || status.state === 'failed' || status.state === 'disabled') {
        unsubscribe()
        resolve(status)
      }
    }
    const unsubscribe = service.onRegistration(settle)
    settle(service.registration)
  })
}

function registrationExitCode(status: RegistrationStatus): number {
  if (status.state === 'registered' || status.state === 'disabled') return EXIT.connected
  return meansNoAnswer(status.code) ? EXIT.unreachable : EXIT.failed
}

function callExitCode(progress: CallProgress): number {
  if (progress.state === 'connected') return EXIT.connected
  return meansNoAnswer(progress.code) && progress.state === 'failed' ? EXIT.unreachable : EXIT.failed
}

/** `--trace`: each SIP message, redacted and numbered, with its time since the first. */
function traceTo(write: (line: string) => void): SipTrace {
  const log = new SipMessageLog()
  let since: number | undefined
  return (entry) => {
    since ??= entry.at
    write(formatLoggedMessage(log.add(entry), since) + '\n')
  }
}

async function execute(command: CliCommand, out: Output, log: (line: string) => void): Promise<number> {
  let service: DeskDialService
  try {
    service = new DeskDialService({
      account: command.account,
      password: command.password,
      log: command.verbose ? (level, message) => log(`[${level}] ${message}`) : undefined,
      onTrace: command.trace ? traceTo(log) : undefined
    })
  } catch (error) {
    out.error((error as Error).message, EXIT.usage)
    return EXIT.usage
  }
  service.onRegistration((status) => out.registration(status))
  service.onCallProgress((progress) => out.call(progress))

  // One --timeout for the whole command: registering and the call share it.
  const deadline = Date.now() + command.timeoutSeconds * 1_000
  try {
    try {
      await service.start()
    } catch (error) {
      out.error((error as Error).message, EXIT.unreachable)
      return EXIT.unreachable
    }
    const registered = await settleWithin(registrationOutcome(service), deadline - Date.now())
    if (!registered.done) {
      const last = service.registration
      const code = last.code === undefined || meansNoAnswer(last.code) ? EXIT.unreachable : EXIT.failed
      const cause = last.state === 'retrying' ? ` The last attempt failed: ${last.reason}` : ''
      out.error(`Not registered within ${command.timeoutSeconds} s.${cause}`, code)
      return code
    }
    const registrationCode = registrationExitCode(registered.value)
    if (command.command === 'register' || registrationCode !== EXIT.connected) return registrationCode
    if (command.command === 'watch')
      return await watchLines(service, { ...command, numbers: command.numbers ?? [] }, (line) => out.line(line), EXIT)

    let progress: CallProgress
    try {
      progress = service.dial(command.number ?? '')
      out.call(progress)
    } catch (error) {
      out.error((error as Error).message, EXIT.usage)
      return EXIT.usage
    }
    const ended = new Promise<CallProgress>((resolve) => {
      service.onCallProgress((update) => {
        if (update.id === progress.id && isFinalCallState(update.state)) resolve(update)
      })
    })
    const final = await settleWithin(ended, deadline - Date.now())
    if (!final.done) {
      const latest = service.calls.find((call) => call.id === progress.id)
      out.error(
        `The call did not finish within ${command.timeoutSeconds} s (last state: ${latest?.state ?? 'unknown'}).`,
        EXIT.failed
      )
      return latest?.state === 'requesting' ? EXIT.unreachable : EXIT.failed
    }
    return callExitCode(final.value)
  } finally {
    await service.stop({ lingerMs: AFTER_CALL_LINGER_MS })
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const write = (line: string): void => void process.stdout.write(line + '\n')
  const writeError = (line: string): void => void process.stderr.write(line + '\n')
  // Loaded on demand, so that dial, register and --help do not start the contact files, the directory
  // (ldapts) and the demo phone system: a cold start runs only the code it needs.
  if (argv[0] === 'contacts')
    return (await import('./contacts-commands')).runContacts(argv.slice(1), { write, writeError }, env)
  if (argv[0] === 'search')
    return (await import('./search-command')).runSearch(argv.slice(1), { write, writeError }, env)
  if (argv[0] === 'whoami')
    return (await import('./whoami-command')).runWhoami(argv.slice(1), { write, writeError }, env)
  if (argv[0] === 'browser-host')
    return (await import('./browser-host-command')).runBrowserHost(argv.slice(1), { write, writeError }, env)
  if (argv[0] === 'demo-pbx')
    return (await import('./demo-commands')).runDemoPhoneSystem(argv.slice(1), { write, writeError })
  if (argv[0] === 'demo')
    return (await import('./demo-commands')).runDemo(argv.slice(1), { write, writeError }, (demo) =>
      execute(demo, makeOutput(demo.json, write, writeError), writeError)
    )
  let command: CliCommand | 'help'
  try {
    command = parseCli(argv, env)
    if (command !== 'help') command.account = await accountUnderPolicy(command, env, writeError)
    if (command !== 'help' && command.passwordFromStdin) command.password = await readPasswordLine(process.stdin)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    const json = argv.includes('--json')
    makeOutput(json, write, writeError).error(error.message, EXIT.usage)
    if (!json) writeError(USAGE)
    return EXIT.usage
  }
  if (command === 'help') {
    write(USAGE)
    return EXIT.connected
  }
  return execute(command, makeOutput(command.json, write, writeError), writeError)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: Error) => {
    process.stderr.write(`DeskDial failed unexpectedly: ${error.stack ?? error.message}\n`)
    process.exitCode = EXIT.failed
  }
)
