/**
 * Reading the whole policy: the machine's policy file and, when it names a `provisioningUrl`, the
 * provisioned document (fetched, or the last good copy from the data folder).
 */
import {
  checkPolicyDocument,
  DEFAULT_REFRESH_HOURS,
  type CheckedPolicy,
  type PolicyDocument,
  type PolicyProblem
} from './policy-document'
import { readPolicyFile } from './policy-file'
import { combinePolicies, NO_POLICY, type Policy, type PolicyLayer } from './policy-layers'
import { readProvisionedCopy, writeProvisionedCopy, type ProvisionedCopy } from './provisioned-copy'
import { fetchProvisionedDocument } from './provisioning-fetch'

export interface PolicySetup {
  /** The policy file (see policyFilePath). */
  file: { path: string; named: boolean }
  /** Where the provisioned copy is kept: the app's data folder. */
  dataDirectory: string
  /** The login name `${username}` stands for. */
  username: string
  /** How long one fetch of the provisioning URL may take. */
  timeoutMs?: number
  now?: () => number
}

export interface PolicyState {
  policy: Policy
  /** Wrong keys of the policy file and the provisioned document, each dropped. */
  problems: PolicyProblem[]
  /** The provisioning URL could not be fetched: a sentence with the reason, and which copy is used. */
  notice?: string
  /** The policy file and the provisioning URL in force, for "DeskDial is managed by …". */
  sources: string[]
  /** How often the provisioning URL is fetched again. */
  refreshHours: number
}

/** No policy file and no provisioning URL. */
export const NO_POLICY_STATE: PolicyState = {
  policy: NO_POLICY,
  problems: [],
  sources: [],
  refreshHours: DEFAULT_REFRESH_HOURS
}

/** Keys that only the policy file may set: a provisioned document cannot point elsewhere. */
const FILE_ONLY_KEYS = ['provisioningUrl', 'caFile', 'provisioningRefreshHours'] as const

function layerOf(source: string, document: PolicyDocument): PolicyLayer {
  return { source, defaults: document.defaults, locked: document.locked }
}

function provisionedLayer(url: string, copy: ProvisionedCopy, username: string): CheckedPolicy {
  const checked = checkPolicyDocument(copy.document, url, username)
  const ignored = FILE_ONLY_KEYS.filter((key) => checked.document[key] !== undefined)
  return {
    document: checked.document,
    problems: [
      ...checked.problems,
      ...ignored.map((key) => ({ source: url, key, problem: 'It is read only from the policy file on the computer.' }))
    ]
  }
}

/**
 * The policy in force. `fetch` says when the provisioning URL is asked: `always` (the app, at start
 * and on each refresh) or `when-stale` (the CLI: only when there is no copy younger than
 * `provisioningRefreshHours`). A failed fetch leaves the last good copy in force and says so.
 */
export async function loadPolicy(setup: PolicySetup, fetch: 'always' | 'when-stale'): Promise<PolicyState> {
  const now = setup.now ?? Date.now
  const file = await readPolicyFile(setup.file, setup.username)
  const fileLayer = layerOf(setup.file.path, file.document)
  const fileSources = file.problems.some((problem) => problem.key === '') ? [] : [setup.file.path]
  const refreshHours = file.document.provisioningRefreshHours ?? DEFAULT_REFRESH_HOURS
  const url = file.document.provisioningUrl
  if (url === undefined)
    return { policy: combinePolicies([fileLayer]), problems: file.problems, sources: fileSources, refreshHours }

  let copy = await readProvisionedCopy(setup.dataDirectory, url)
  let notice: string | undefined
  const stale = copy === undefined || now() - copy.fetchedAt >= refreshHours * 3_600_000
  if (fetch === 'always' || stale) {
    try {
      const answer = await fetchProvisionedDocument({
        url,
        caFile: file.document.caFile,
        etag: copy?.etag,
        timeoutMs: setup.timeoutMs
      })
      if (answer.kind === 'document') copy = { url, etag: answer.etag, fetchedAt: now(), document: answer.value }
      else if (copy) copy = { ...copy, fetchedAt: now() }
      if (copy)
        await writeProvisionedCopy(setup.dataDirectory, copy).catch((error: Error) => {
          notice = `DeskDial could not keep a copy of its policy from ${url} in ${setup.dataDirectory} (${error.message}); it applies the policy it fetched.`
        })
    } catch (error) {
      const kept = copy
        ? `It uses the copy fetched on ${new Date(copy.fetchedAt).toISOString()}.`
        : 'Until it can, only the policy file applies.'
      notice = `DeskDial could not update its policy from ${url}: ${(error as Error).message}. ${kept}`
    }
  }
  if (copy === undefined)
    return { policy: combinePolicies([fileLayer]), problems: file.problems, notice, sources: fileSources, refreshHours }
  const provisioned = provisionedLayer(url, copy, setup.username)
  return {
    policy: combinePolicies([layerOf(url, provisioned.document), fileLayer]),
    problems: [...file.problems, ...provisioned.problems],
    notice,
    sources: [...fileSources, url],
    refreshHours
  }
}
