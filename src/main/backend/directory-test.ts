import { RETYPE_DIRECTORY_PASSWORD, sameDirectoryIdentity } from '../../shared/directory-password'
import { directorySettingsSchema, type DirectorySettings } from '../../shared/directory-settings'
import { fieldProblems } from '../../shared/field-problems'
import type { DirectoryTestResult } from '../../shared/ipc-contract'
import { settleWithin } from '../../shared/settle-within'
import type { BackendLog } from './backend-log'
import { passwordToUse } from './password-to-use'

/** The part of a directory client that "Test directory" uses: one bind and search, then closing. */
export interface DirectoryProbe {
  test(): Promise<{ ok: true; detail: string } | { ok: false; error: string }>
  close(): Promise<void>
}

export interface DirectoryProbeOptions {
  settings: DirectorySettings
  password?: string
  timeoutMs: number
}

export interface DirectoryTestOptions {
  /** Connects a directory client (LdapDirectory in the app) for these settings. */
  openDirectory: (options: DirectoryProbeOptions) => DirectoryProbe
  /** The stored bind password, for when the test brings none and the server and bind DN are the saved ones. */
  storedPassword: () => Promise<string | undefined>
  savedDirectory: () => DirectorySettings
  log: BackendLog
  /** The whole test's limit; connecting and binding, and the search, each get half of it. */
  timeoutMs: number
}

/** A sentence for a directory that did not answer within `timeoutMs`. */
export function directoryNoAnswerSentence(timeoutMs: number): string {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000))
  return `The directory did not answer within ${seconds} second${seconds === 1 ? '' : 's'}. Check the server address and the port, and that a firewall lets DeskDial through.`
}

/**
 * "Test directory": binds to the company directory with the settings as typed and searches it
 * once, saying in words how that went. The saved settings and the stored password are left alone;
 * the password is used, never logged.
 */
export async function testDirectory(
  directory: DirectorySettings,
  password: string | undefined,
  options: DirectoryTestOptions
): Promise<DirectoryTestResult> {
  // A test needs what a switched-on directory needs (a server and a base DN), whether or not it is on yet.
  const parsed = directorySettingsSchema.safeParse({ ...directory, enabled: true })
  if (!parsed.success) {
    const problems = fieldProblems(parsed.error, ['directory'])
    return { ok: false, error: problems.map((problem) => problem.error).join(' '), field: problems[0]?.field }
  }
  const settings = { ...parsed.data, enabled: directory.enabled === true }
  const chosen = await passwordToUse(
    password,
    sameDirectoryIdentity(settings, options.savedDirectory()),
    options.storedPassword
  )
  if (chosen.retype) return { ok: false, error: RETYPE_DIRECTORY_PASSWORD, field: 'directoryPassword' }
  const bindPassword = chosen.password
  const { timeoutMs, log } = options
  let client: DirectoryProbe
  try {
    client = options.openDirectory({
      settings,
      ...(bindPassword === undefined ? {} : { password: bindPassword }),
      timeoutMs: timeoutMs / 2
    })
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
  try {
    const answered = await settleWithin(client.test(), timeoutMs)
    const result: DirectoryTestResult = answered.done
      ? answered.value
      : { ok: false, error: directoryNoAnswerSentence(timeoutMs) }
    log(result.ok ? 'info' : 'warn', `[directory test] ${settings.url}: ${result.ok ? result.detail : result.error}`)
    return result
  } catch (error) {
    log('warn', `[directory test] ${settings.url}: ${(error as Error).message}`)
    return { ok: false, error: (error as Error).message }
  } finally {
    await settleWithin(
      client.close().catch(() => undefined),
      timeoutMs
    )
  }
}
