/**
 * The offline cache: the last copy of the company directory DeskDial fetched, so the directory can
 * be searched (typos and diacritics included) while it is down or slow. One JSON file, written
 * atomically; an unreadable file or entry is left out, never an error.
 */
import { CONTACT_NUMBER_LABELS } from '../../../shared/contact'
import { isRecord } from '../../../shared/is-record'
import { writeJsonFileAtomic } from '../../settings/atomic-json-file'
import { readJsonListInSlices } from '../../settings/json-in-worker'
import type { DirectoryEntry } from '../directory-entry'

const FILE_VERSION = 1
const OPTIONAL_TEXT = ['company', 'department', 'title', 'email'] as const

function isNumber(value: unknown): value is DirectoryEntry['numbers'][number] {
  return (
    isRecord(value) &&
    typeof value.number === 'string' &&
    (CONTACT_NUMBER_LABELS as readonly unknown[]).includes(value.label)
  )
}

function isCachedEntry(value: unknown): value is DirectoryEntry {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    value.id.startsWith('directory:') &&
    value.source === 'directory' &&
    typeof value.name === 'string' &&
    Array.isArray(value.numbers) &&
    value.numbers.every(isNumber) &&
    OPTIONAL_TEXT.every((key) => value[key] === undefined || typeof value[key] === 'string')
  )
}

export class DirectoryCache {
  readonly #file: string

  constructor(file: string) {
    this.#file = file
  }

  /**
   * The cached entries; none when there is no cache yet or it cannot be read. A large copy is parsed
   * in a worker thread and checked in slices, so that the app keeps answering meanwhile.
   */
  async read(): Promise<DirectoryEntry[]> {
    return (await this.readCopy()).entries
  }

  /** The cached entries, when they were saved (ms since 1970) and which directory they came from (`copySource`). */
  async readCopy(): Promise<{ entries: DirectoryEntry[]; savedAt?: number; source?: string }> {
    const content = await readJsonListInSlices({ file: this.#file, key: 'entries', isItem: isCachedEntry }).catch(
      () => ({ kind: 'missing' }) as const
    )
    if (content.kind !== 'ok') return { entries: [] }
    const { savedAt, source } = content.header
    const saved = typeof savedAt === 'string' ? Date.parse(savedAt) : NaN
    return {
      entries: content.items,
      ...(Number.isFinite(saved) ? { savedAt: saved } : {}),
      ...(typeof source === 'string' ? { source } : {})
    }
  }

  async write(entries: DirectoryEntry[], source?: string): Promise<void> {
    const savedAt = new Date().toISOString()
    await writeJsonFileAtomic(this.#file, { version: FILE_VERSION, savedAt, ...(source ? { source } : {}), entries })
  }
}
