import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PolicyKeeper, type PolicyState } from '../../../src/main/policy'

let folder: string
let file: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'deskdial-policy-keeper-'))
  file = join(folder, 'policy.json')
})

afterEach(async () => {
  vi.useRealTimers()
  await rm(folder, { recursive: true, force: true })
})

function keeperOf(): PolicyKeeper {
  return new PolicyKeeper({ file: { path: file, named: true }, dataDirectory: join(folder, 'data'), username: 'alice' })
}

/**
 * Lets the file reads of a refresh run (setImmediate and Date are not faked): until `done`, for at
 * most 10 s of real time on a loaded machine; without `done`, 500 turns of the event loop, for
 * checking that nothing happens.
 */
async function settle(done?: () => boolean): Promise<void> {
  const until = Date.now() + 10_000
  for (let turn = 0; done ? !done() && Date.now() < until : turn < 500; turn += 1)
    await new Promise((resolve) => setImmediate(resolve))
}

describe('the policy keeper', () => {
  it('reads the policy at start, again every provisioningRefreshHours, tells its listeners of a change, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await writeFile(file, JSON.stringify({ locked: { notifications: false }, provisioningRefreshHours: 2 }))
    const keeper = keeperOf()
    const changes: PolicyState[] = []
    keeper.onChange((state) => changes.push(state))
    expect((await keeper.start()).policy.locked).toEqual({ notifications: false })
    expect(changes).toHaveLength(1)

    await writeFile(file, JSON.stringify({ locked: { notifications: true }, provisioningRefreshHours: 2 }))
    vi.advanceTimersByTime(2 * 3_600_000 - 1)
    await settle()
    expect(changes).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await settle(() => changes.length === 2)
    expect(changes.map((state) => state.policy.locked)).toEqual([{ notifications: false }, { notifications: true }])

    keeper.stop()
    await writeFile(file, JSON.stringify({ locked: { startAtLogin: true } }))
    vi.advanceTimersByTime(10 * 3_600_000)
    await settle()
    expect(changes).toHaveLength(2)
    expect(keeper.state.policy.locked).toEqual({ notifications: true })
  })

  it('stays stopped when stop() comes while a refresh is under way', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await writeFile(file, JSON.stringify({ locked: { notifications: false } }))
    const keeper = keeperOf()
    await keeper.start()
    const changes: PolicyState[] = []
    keeper.onChange((state) => changes.push(state))
    await writeFile(file, JSON.stringify({ locked: { notifications: true } }))
    const refreshing = keeper.refresh()
    keeper.stop()
    await refreshing
    vi.advanceTimersByTime(10 * 3_600_000)
    await settle()
    expect(changes).toEqual([])
    expect(keeper.state.policy.locked).toEqual({ notifications: false })
  })

  it('does not keep Node running while it waits for the next refresh', async () => {
    await writeFile(file, JSON.stringify({ defaults: { notifications: false } }))
    const script = `
      const { PolicyKeeper } = require(${JSON.stringify(resolve(__dirname, '../../../src/main/policy'))})
      new PolicyKeeper({ file: { path: ${JSON.stringify(file)}, named: true }, dataDirectory: ${JSON.stringify(folder)}, username: 'alice' })
        .start().then((state) => console.log(JSON.stringify(state.policy.defaults)))`
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', script], {
      timeout: 20_000
    })
    expect(stdout.trim()).toBe('{"notifications":false}')
  })
})
