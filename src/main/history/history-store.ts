import { join } from 'node:path'
import { callRecordSchema, type CallRecord } from '../../shared/call-record'
import { readJsonList, writeJsonFileAtomic, WriteQueue } from '../settings/atomic-json-file'

/** Finished calls, newest first, persisted across restarts. */
export interface HistoryStore {
  list(): Promise<CallRecord[]>
  /** Adds a call, or replaces the record with the same id. The oldest records go beyond the cap. */
  record(call: CallRecord): Promise<void>
  clear(): Promise<void>
}

export const DEFAULT_HISTORY_LIMIT = 1000
const FILE_VERSION = 1
function isCallRecord(value: unknown): value is CallRecord {
  return callRecordSchema.safeParse(value).success
}

export interface FileHistoryStoreOptions {
  directory: string
  limit?: number
  now?: () => number
  log?: (message: string) => void
}

/** History in `<directory>/history.json`: every change is written atomically before it is confirmed. */
export class FileHistoryStore implements HistoryStore {
  readonly #file: string
  readonly #limit: number
  readonly #now: () => number
  readonly #log: (message: string) => void
  readonly #changes = new WriteQueue()
  #calls: Promise<CallRecord[]> | undefined

  constructor(options: FileHistoryStoreOptions) {
    this.#file = join(options.directory, 'history.json')
    this.#limit = options.limit ?? DEFAULT_HISTORY_LIMIT
    this.#now = options.now ?? Date.now
    this.#log = options.log ?? (() => undefined)
  }

  async list(): Promise<CallRecord[]> {
    return [...(await this.#all())]
  }

  record(call: CallRecord): Promise<void> {
    return this.#changes.run(async () => {
      const calls = (await this.#all()).filter((existing) => existing.id !== call.id)
      calls.push(call)
      calls.sort((a, b) => b.startedAt - a.startedAt)
      await this.#persist(calls.slice(0, this.#limit))
    })
  }

  clear(): Promise<void> {
    return this.#changes.run(() => this.#persist([]))
  }

  #all(): Promise<CallRecord[]> {
    this.#calls ??= this.#read()
    return this.#calls
  }

  async #read(): Promise<CallRecord[]> {
    const calls = await readJsonList({
      file: this.#file,
      key: 'calls',
      isItem: isCallRecord,
      fileName: 'call history file',
      itemName: 'call record(s)',
      now: this.#now,
      log: this.#log
    })
    return calls.sort((a, b) => b.startedAt - a.startedAt).slice(0, this.#limit)
  }

  async #persist(calls: CallRecord[]): Promise<void> {
    await writeJsonFileAtomic(this.#file, { version: FILE_VERSION, calls })
    this.#calls = Promise.resolve(calls)
  }
}
