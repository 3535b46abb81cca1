import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readJsonListInSlices } from '../../../src/main/settings/json-in-worker'

const isEven = (value: unknown): value is number => typeof value === 'number' && value % 2 === 0
const LIST = Array.from({ length: 10_000 }, (_, i) => (i === 17 ? 'not a number' : i))

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-json-list-'))
})
afterEach(async () => {
  vi.restoreAllMocks()
  await rm(folder, { recursive: true, force: true })
})

describe.each([
  ['in a worker thread', 0],
  ['here, a small file', Infinity]
])('reading a list file %s', (_, workerFromBytes) => {
  const read = (file: string, key = 'items') => readJsonListInSlices({ file, key, isItem: isEven, workerFromBytes })

  it('keeps the items that pass the check and counts the others, with the rest of the document beside them', async () => {
    const file = join(folder, 'list.json')
    await writeFile(file, JSON.stringify({ version: 1, savedAt: 'today', items: LIST, other: { a: 1 } }))
    const content = await read(file)
    expect(content).toEqual({
      kind: 'ok',
      items: LIST.filter(isEven),
      skipped: 5_000,
      header: { version: 1, savedAt: 'today' }
    })
  })

  it('tells a missing file from one that is not JSON or holds no list', async () => {
    expect(await read(join(folder, 'none.json'))).toEqual({ kind: 'missing' })
    await writeFile(join(folder, 'broken.json'), '{"items": [1, 2')
    expect(await read(join(folder, 'broken.json'))).toMatchObject({ kind: 'unreadable' })
    await writeFile(join(folder, 'other.json'), JSON.stringify({ items: { a: 1 } }))
    expect(await read(join(folder, 'other.json'))).toEqual({
      kind: 'unreadable',
      error: 'There is no list under "items".'
    })
  })

  it('rejects when the file cannot be read at all', async () => {
    // A folder where the file should be: neither missing nor JSON.
    await expect(read(folder)).rejects.toThrow(/EISDIR|illegal operation/)
  })
})

describe('a large list file', () => {
  it('is parsed off the main thread and handed over in chunks while the event loop turns', async () => {
    const file = join(folder, 'list.json')
    await writeFile(file, JSON.stringify({ version: 1, items: LIST }))
    const parse = vi.spyOn(JSON, 'parse')
    let turns = 0
    let done = false
    const tick = (): void => {
      turns += 1
      if (!done) setImmediate(tick)
    }
    setImmediate(tick)
    const content = await readJsonListInSlices({ file, key: 'items', isItem: isEven, workerFromBytes: 0 })
    done = true
    expect(content.kind === 'ok' && content.items.length).toBe(5_000)
    expect(parse).not.toHaveBeenCalled()
    // 10,000 items come in chunks of 500, each asked for in a later turn of the event loop.
    expect(turns).toBeGreaterThanOrEqual(5)
  })
})
