/**
 * The last good provisioning document, kept in the data folder as `provisioned-policy.json`, so
 * DeskDial keeps its configuration when the provisioning server cannot be reached.
 */
import { join } from 'node:path'
import { z } from 'zod'
import { readJsonFile, writeJsonFileAtomic } from '../settings/atomic-json-file'

export const PROVISIONED_POLICY_FILE = 'provisioned-policy.json'

const provisionedCopySchema = z.object({
  /** The provisioning URL the document came from: a copy of another URL is not used. */
  url: z.string(),
  etag: z.string().optional(),
  /** When the server last gave or confirmed (304) the document, in ms since 1970. */
  fetchedAt: z.number(),
  document: z.record(z.string(), z.unknown())
})

export type ProvisionedCopy = z.output<typeof provisionedCopySchema>

export function provisionedCopyPath(dataDirectory: string): string {
  return join(dataDirectory, PROVISIONED_POLICY_FILE)
}

/** The copy of `url`'s document, when there is a readable one. */
export async function readProvisionedCopy(dataDirectory: string, url: string): Promise<ProvisionedCopy | undefined> {
  const content = await readJsonFile(provisionedCopyPath(dataDirectory)).catch(() => undefined)
  if (content?.kind !== 'ok') return undefined
  const parsed = provisionedCopySchema.safeParse(content.value)
  return parsed.success && parsed.data.url === url ? parsed.data : undefined
}

export async function writeProvisionedCopy(dataDirectory: string, copy: ProvisionedCopy): Promise<void> {
  await writeJsonFileAtomic(provisionedCopyPath(dataDirectory), copy)
}
