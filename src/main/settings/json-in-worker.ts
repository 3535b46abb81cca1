/**
 * Reads the list kept under one key of a large JSON file (100,000 contacts, a copy of the company
 * directory) without holding the main process's event loop: a worker thread reads and parses the
 * file, then hands the list over in chunks, each asked for once the one before it has been checked.
 * One `JSON.parse` of such a file takes a third of a second; one chunk, a few milliseconds.
 *
 * The worker's code is a string run with `eval: true`, so that it needs no file of its own next to
 * the bundled main process, the CLI or the tests.
 */
import { readFile, stat } from 'node:fs/promises'
import { Worker } from 'node:worker_threads'
import { Slices } from './work-in-slices'

/** Items the worker hands over at once: a few milliseconds to receive. */
const ITEMS_PER_CHUNK = 500
/** Files at least this large are parsed in a worker; a smaller one costs less to parse than a worker to start. */
const WORKER_FROM_BYTES = 1024 * 1024

export type JsonListReading<T> =
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: string }
  /** `header`: the document's other keys with plain values (e.g. when it was saved), never the list. */
  | { kind: 'ok'; items: T[]; skipped: number; header: Record<string, unknown> }

/** What the worker sends: a chunk of the list (the last one `done`), or why there is none. */
type WorkerMessage =
  | { kind: 'header'; header: Record<string, unknown> }
  | { kind: 'chunk'; items: unknown[]; done: boolean }
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: string }
  | { kind: 'failed'; error: string; code?: string }

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')
function read() {
  let document
  try {
    document = JSON.parse(readFileSync(workerData.file, 'utf8'))
  } catch (error) {
    if (error.code === 'ENOENT') return { kind: 'missing' }
    if (error instanceof SyntaxError) return { kind: 'unreadable', error: error.message }
    return { kind: 'failed', error: error.message, code: error.code }
  }
  const list = document !== null && typeof document === 'object' ? document[workerData.key] : undefined
  if (!Array.isArray(list)) return { kind: 'unreadable', error: 'There is no list under "' + workerData.key + '".' }
  const header = {}
  for (const [key, value] of Object.entries(document))
    if (key !== workerData.key && (value === null || typeof value !== 'object')) header[key] = value
  parentPort.postMessage({ kind: 'header', header })
  return list
}
const list = read()
if (!Array.isArray(list)) parentPort.postMessage(list)
else {
  let at = 0
  const send = () => {
    const items = list.slice(at, at + workerData.size)
    at += workerData.size
    parentPort.postMessage({ kind: 'chunk', items, done: at >= list.length })
    if (at >= list.length) parentPort.close()
  }
  parentPort.on('message', send)
  send()
}
`

export interface JsonListRead<T> {
  file: string
  /** The document's key holding the list, e.g. "contacts". */
  key: string
  isItem: (value: unknown) => value is T
  /** Files from this size on are parsed in a worker thread (1 MB unless told). */
  workerFromBytes?: number
}

/**
 * The items under `key` that pass `isItem`, checked in slices; `missing` when there is no file,
 * `unreadable` when it is not JSON or holds no list there. Other errors (no permission) reject.
 */
export async function readJsonListInSlices<T>(read: JsonListRead<T>): Promise<JsonListReading<T>> {
  let size: number
  try {
    size = (await stat(read.file)).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  const items: T[] = []
  let header: Record<string, unknown> = {}
  let total = 0
  const chunks = size >= (read.workerFromBytes ?? WORKER_FROM_BYTES) ? chunksFromWorker(read) : chunkHere(read)
  const clock = new Slices()
  for await (const chunk of chunks) {
    if (!Array.isArray(chunk)) {
      if (chunk.kind !== 'header') return chunk
      header = chunk.header
      continue
    }
    clock.restart()
    for (const item of chunk) {
      total += 1
      if (read.isItem(item)) items.push(item)
      if (clock.due) await clock.pause()
    }
  }
  return { kind: 'ok', items, skipped: total - items.length, header }
}

type Chunks = AsyncGenerator<
  | unknown[]
  | { kind: 'header'; header: Record<string, unknown> }
  | { kind: 'missing' }
  | { kind: 'unreadable'; error: string }
>

/** The document's keys besides the list whose values are not objects (what the worker sends too). */
function plainFields(fields: Record<string, unknown>, listKey: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => key !== listKey && (value === null || typeof value !== 'object'))
  )
}

/** A small file: read and parsed here (a few milliseconds), its list handed over at once. */
async function* chunkHere(read: JsonListRead<unknown>): Chunks {
  let document: unknown
  try {
    document = JSON.parse(await readFile(read.file, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') yield { kind: 'missing' }
    else if (error instanceof SyntaxError) yield { kind: 'unreadable', error: error.message }
    else throw error
    return
  }
  const fields = typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {}
  const list = fields[read.key]
  if (!Array.isArray(list)) {
    yield { kind: 'unreadable', error: `There is no list under "${read.key}".` }
    return
  }
  yield { kind: 'header', header: plainFields(fields, read.key) }
  yield list
}

/** A large file: parsed in a worker thread, each chunk asked for once the one before it is checked. */
async function* chunksFromWorker(read: JsonListRead<unknown>): Chunks {
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: { file: read.file, key: read.key, size: ITEMS_PER_CHUNK }
  })
  const queue: WorkerMessage[] = []
  let wake: (() => void) | undefined
  let failure: Error | undefined
  let exited = false
  worker.on('message', (message: WorkerMessage) => {
    queue.push(message)
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', () => {
    exited = true
    wake?.()
  })
  try {
    for (;;) {
      while (queue.length === 0 && failure === undefined && !exited)
        await new Promise<void>((resolve) => (wake = resolve))
      if (failure) throw failure
      if (queue.length === 0) throw new Error(`Reading ${read.file} stopped before the end of its list.`)
      const message = queue.shift()!
      if (message.kind === 'failed')
        throw Object.assign(new Error(message.error), message.code === undefined ? {} : { code: message.code })
      if (message.kind === 'header') {
        yield message
        continue
      }
      if (message.kind !== 'chunk') {
        yield message
        return
      }
      yield message.items
      if (message.done) return
      worker.postMessage('next')
    }
  } finally {
    void worker.terminate()
  }
}
