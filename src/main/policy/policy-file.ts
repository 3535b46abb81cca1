/**
 * The policy file on this machine: written by its administrator, read (never written) by DeskDial.
 */
import { readFile, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { dirname, resolve, win32 } from 'node:path'
import { checkPolicyDocument, type CheckedPolicy } from './policy-document'

/** A policy file larger than this is no policy (a few KiB at most): it is refused unread. */
export const MAX_POLICY_BYTES = 1024 * 1024

/**
 * Where the machine's policy file is: `DESKDIAL_POLICY` when set (for tests and for trying a policy
 * without administrator rights), else the per-machine path of the platform.
 */
export function policyFilePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): { path: string; named: boolean } {
  if (env.DESKDIAL_POLICY) return { path: resolve(env.DESKDIAL_POLICY), named: true }
  if (platform === 'win32')
    return { path: win32.join(env.ProgramData ?? 'C:\\ProgramData', 'DeskDial', 'policy.json'), named: false }
  if (platform === 'darwin') return { path: '/Library/Application Support/DeskDial/policy.json', named: false }
  return { path: '/etc/deskdial/policy.json', named: false }
}

/** The login name of the user running DeskDial (`${username}` in a policy); the environment's when the system has no entry for it. */
export function loginName(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return userInfo().username
  } catch {
    return env.USER ?? env.USERNAME ?? ''
  }
}

/**
 * The policy file checked: no policy when the machine's file is missing; a problem when a file
 * named by `DESKDIAL_POLICY` is missing, or a file cannot be read or is not JSON. A relative `caFile`
 * is found beside the policy file.
 */
export async function readPolicyFile(file: { path: string; named: boolean }, username: string): Promise<CheckedPolicy> {
  const none = { document: { defaults: {}, locked: {} }, problems: [] }
  let text: string
  try {
    // A folder, a pipe or a device such as /dev/zero is no policy: refused before reading it.
    const stats = await stat(file.path)
    if (!stats.isFile()) throw new Error('it is not a regular file')
    if (stats.size > MAX_POLICY_BYTES) throw new Error('it is larger than 1 MiB')
    text = await readFile(file.path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !file.named) return none
    return {
      ...none,
      problems: [{ source: file.path, key: '', problem: `it could not be read (${code ?? (error as Error).message}).` }]
    }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return {
      ...none,
      problems: [{ source: file.path, key: '', problem: `it is not valid JSON (${(error as Error).message}).` }]
    }
  }
  const checked = checkPolicyDocument(value, file.path, username)
  if (checked.document.caFile !== undefined)
    checked.document.caFile = resolve(dirname(file.path), checked.document.caFile)
  return checked
}
