import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { jsonPieces } from './json-pieces'
import { readJsonListInSlices } from './json-in-worker'

export type JsonFileContent =
  { kind: 'missing' } | { kind: 'ok'; value: unknown } | { kind: 'corrupt'; text: string; error: string }

/** Reads a JSON file, telling a missing file apart from one that cannot be parsed. */
export async function readJsonFile(path: string): Promise<JsonFileContent> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  try {
    return { kind: 'ok', value: JSON.parse(text) as unknown }
  } catch (error) {
    return { kind: 'corrupt', text, error: (error as Error).message }
  }
}

/** How DeskDial writes its JSON files (settings, contacts, history), whichever code writes them: two-space indentation, a final newline. */
export function serializeJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}

/**
 * Writes `value` as JSON so that a crash or power loss leaves either the old file or the new one,
 * never half of each: write a temporary file next to it, flush it to disk, then rename over.
 */
export async function writeJsonFileAtomic(path: string, value: unknown, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temporary, 'w', mode)
  try {
    // In pieces: a list of 100,000 contacts turned into one string would hold the event loop for long.
    for (const piece of jsonPieces(value)) await handle.writeFile(piece, 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** Runs writes one after another, so a later save never lands before an earlier one. */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

/**
 * Moves an unreadable file aside as `<name>.corrupt-<timestamp>.json` next to it, so the user's
 * data is kept for inspection and the app can start fresh. Returns the backup's file name.
 */
export async function backUpUnreadableFile(path: string, time: number): Promise<string> {
  const name = `${basename(path, '.json')}.corrupt-${new Date(time).toISOString().replace(/[:.]/g, '-')}.json`
  await rename(path, join(dirname(path), name))
  return name
}

export interface JsonListFile<T> {
  file: string
  /** The document's key holding the list, e.g. "contacts". */
  key: string
  isItem: (value: unknown) => value is T
  /** For the log, e.g. "contacts file" and "contact(s)". */
  fileName: string
  itemName: string
  now: () => number
  log: (message: string) => void
}

/**
 * Reads a list kept under `key` in a JSON file: none when the file is missing, and none (with the
 * file backed up) when it cannot be read; single unreadable entries are skipped. A large file is
 * parsed in a worker thread and every entry is checked in slices (see `readJsonListInSlices`), so
 * that a list of 100,000 contacts does not hold the app's other work meanwhile.
 */
export async function readJsonList<T>(list: JsonListFile<T>): Promise<T[]> {
  const content = await readJsonListInSlices(list)
  if (content.kind === 'missing') return []
  if (content.kind === 'unreadable') {
    const backup = await backUpUnreadableFile(list.file, list.now())
    list.log(`The ${list.fileName} could not be read; DeskDial kept it as ${backup} and started afresh.`)
    return []
  }
  if (content.skipped > 0) list.log(`Skipped ${content.skipped} unreadable ${list.itemName} in ${list.file}.`)
  return content.items
}
