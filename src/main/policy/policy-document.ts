/**
 * The administrator's policy document, as the policy file and the provisioning URL hold it:
 * `{ defaults, locked, provisioningUrl, caFile, provisioningRefreshHours }`. A wrong key is
 * reported and dropped; the valid rest still applies.
 */
import { z } from 'zod'
import { isRecord } from '../../shared/is-record'
import { settingsPartSchema, type SettingsPart } from './settings-part'

/** How often the provisioning URL is fetched again when the policy does not say. */
export const DEFAULT_REFRESH_HOURS = 8

/** Only https: — a policy sent in clear text could be changed by anyone on the way. */
function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:'
  } catch {
    return false
  }
}

const policySchema = z.strictObject({
  /** Settings the user has not set take these values. */
  defaults: settingsPartSchema.optional(),
  /** Settings that always take these values: neither the user nor the command line can change them. */
  locked: settingsPartSchema.optional(),
  /** An HTTPS document of the same shape, fetched at start and every `provisioningRefreshHours`. */
  provisioningUrl: z
    .string({ error: 'provisioningUrl must be text.' })
    .refine(isHttpsUrl, 'provisioningUrl must be an https:// address, e.g. https://config.example.com/deskdial.json.')
    .optional(),
  /** A PEM file with the CA of the provisioning server, besides the system's CAs. */
  caFile: z.string({ error: 'caFile must be the path of a PEM file.' }).min(1, 'caFile must not be empty.').optional(),
  provisioningRefreshHours: z
    .number({ error: 'provisioningRefreshHours must be a number of hours from 1 to 168.' })
    .min(1, 'provisioningRefreshHours must be a number of hours from 1 to 168.')
    .max(168, 'provisioningRefreshHours must be a number of hours from 1 to 168.')
    .optional()
})

export interface PolicyDocument {
  defaults: SettingsPart
  locked: SettingsPart
  provisioningUrl?: string
  caFile?: string
  provisioningRefreshHours?: number
}

/** One thing wrong with a policy: `source` is the file or URL, `key` the dotted key ("" for the whole policy). */
export interface PolicyProblem {
  source: string
  key: string
  problem: string
}

/** A problem as the sentence a person reads, e.g. in the CLI's stderr or a notice in the window. */
export function describePolicyProblem({ source, key, problem }: PolicyProblem): string {
  return key === ''
    ? `The policy ${source} cannot be used: ${problem}`
    : `The policy ${source} has a wrong value at "${key}": ${problem} DeskDial ignores this key and applies the rest.`
}

export interface CheckedPolicy {
  document: PolicyDocument
  problems: PolicyProblem[]
}

/** `${username}` in every string replaced by the login name of the user running DeskDial. */
function withUsername(value: unknown, username: string): unknown {
  if (typeof value === 'string') return value.replaceAll('${username}', username)
  if (Array.isArray(value)) return value.map((item) => withUsername(item, username))
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withUsername(item, username)]))
  return value
}

/** `value` without the key at `path` (a copy along the path; the rest is shared). */
function withoutKey(value: unknown, path: readonly string[]): unknown {
  if (!isRecord(value) || path.length === 0) return value
  const [key, ...rest] = path
  if (!(key in value)) return value
  if (rest.length === 0) return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key))
  return { ...value, [key]: withoutKey(value[key], rest) }
}

/** The key an issue is about, as the policy names it: a list (e.g. `servers`) is wrong as a whole. */
function issueKeys(issue: z.core.$ZodIssue): string[][] {
  const path: string[] = []
  for (const segment of issue.path) {
    if (typeof segment !== 'string') break
    path.push(segment)
  }
  return issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...path, key]) : [path]
}

function issueProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return 'DeskDial has no setting of this name; check its spelling.'
  if (issue.code === 'invalid_type' && issue.expected === 'object') return 'It must be a JSON object ({ … }).'
  return issue.message
}

/** At most this many passes: each drops at least one key, and a policy has far fewer levels. */
const MAX_PASSES = 32

/**
 * Checks a policy document from `source`: each wrong or unknown key is a problem and is dropped,
 * and the rest is the document. `username` replaces `${username}` in every string first.
 */
export function checkPolicyDocument(value: unknown, source: string, username: string): CheckedPolicy {
  const problems: PolicyProblem[] = []
  let candidate = withUsername(value, username)
  if (!isRecord(candidate))
    return {
      document: { defaults: {}, locked: {} },
      problems: [{ source, key: '', problem: 'it must be a JSON object ({ … }).' }]
    }
  for (let pass = 0; pass < MAX_PASSES; pass += 1) {
    const parsed = policySchema.safeParse(candidate)
    if (parsed.success) {
      const { defaults = {}, locked = {}, ...provisioning } = parsed.data
      return { document: { defaults, locked, ...provisioning }, problems }
    }
    for (const issue of parsed.error.issues) {
      for (const key of issueKeys(issue)) {
        problems.push({ source, key: key.join('.'), problem: issueProblem(issue) })
        candidate = withoutKey(candidate, key)
      }
    }
  }
  return { document: { defaults: {}, locked: {} }, problems }
}
