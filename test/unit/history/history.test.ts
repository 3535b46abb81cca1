import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileHistoryStore } from '../../../src/main/history/history-store'
import type { CallRecord } from '../../../src/shared/call-record'

let directory: string
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-history-'))
})
afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

function call(id: string, startedAt: number, extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id,
    target: '0201 5550123',
    dialString: '002015550123',
    startedAt,
    state: 'connected',
    code: 200,
    reason: 'Connected.',
    ...extra
  }
}

describe('FileHistoryStore', () => {
  it('survives a restart, newest first, with state, code, reason and contact', async () => {
    const store = new FileHistoryStore({ directory })
    await store.record(call('a', 1))
    await store.record(
      call('b', 2, { state: 'failed', code: 486, reason: 'The number is busy.', contactName: 'Jürgen Müller' })
    )
    expect(await new FileHistoryStore({ directory }).list()).toEqual([
      call('b', 2, { state: 'failed', code: 486, reason: 'The number is busy.', contactName: 'Jürgen Müller' }),
      call('a', 1)
    ])
  })

  it('keeps only the newest calls beyond the cap', async () => {
    const store = new FileHistoryStore({ directory, limit: 3 })
    for (let i = 0; i < 5; i++) await store.record(call(`c${i}`, i))
    expect((await new FileHistoryStore({ directory, limit: 3 }).list()).map((c) => c.id)).toEqual(['c4', 'c3', 'c2'])
  })

  it('replaces a record with the same id and clears everything', async () => {
    const store = new FileHistoryStore({ directory })
    await store.record(call('a', 1, { state: 'ringing' }))
    await store.record(call('a', 1))
    expect(await store.list()).toEqual([call('a', 1)])
    await store.clear()
    expect(await new FileHistoryStore({ directory }).list()).toEqual([])
    expect(await readdir(directory)).toEqual(['history.json'])
  })

  it('skips an unreadable record but keeps the others', async () => {
    await writeFile(
      join(directory, 'history.json'),
      JSON.stringify({ version: 1, calls: [call('a', 1), { id: 'b', state: 'exploded' }] })
    )
    const logged: string[] = []
    expect(await new FileHistoryStore({ directory, log: (m) => logged.push(m) }).list()).toEqual([call('a', 1)])
    expect(logged).toEqual([`Skipped 1 unreadable call record(s) in ${join(directory, 'history.json')}.`])
  })
})
