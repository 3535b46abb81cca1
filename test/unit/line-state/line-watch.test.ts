import { afterEach, describe, expect, it } from 'vitest'
import { LineWatch, MAX_WATCHED_LINES } from '../../../src/main/line-state'

/** Not connected: each subscription waits for its retry (an hour away), so only the bookkeeping runs. */
function offlineWatch(): LineWatch {
  return new LineWatch({ endpoint: () => undefined, backoff: { initialMs: 3_600_000, maxMs: 3_600_000 } })
}

describe('the watched lines', () => {
  let watch: LineWatch | undefined

  afterEach(async () => {
    await watch?.stop()
  })

  it(`keeps at most ${MAX_WATCHED_LINES}, dropping the line shown least recently`, () => {
    watch = offlineWatch()
    for (let n = 1; n <= MAX_WATCHED_LINES; n++) watch.watch(String(1000 + n))
    watch.watch('1001')
    watch.watch('2000')
    expect(watch.watched).toHaveLength(MAX_WATCHED_LINES)
    expect(watch.watched).toContain('1001')
    expect(watch.watched).not.toContain('1002')
    expect(watch.watched.at(-1)).toBe('2000')
  })

  it('says a line it cannot reach is unknown, and why', () => {
    watch = offlineWatch()
    const subscriptions: string[] = []
    watch.onSubscription((status) => subscriptions.push(`${status.state}: ${status.reason}`))
    watch.watch('1001')
    expect(watch.lineStatus('1001')).toEqual({ number: '1001', state: 'unknown' })
    expect(subscriptions).toEqual(['terminated: DeskDial is not connected to the phone system.'])
  })

  it('stops watching every line', async () => {
    watch = offlineWatch()
    watch.watch('1001')
    watch.watch('1002')
    await watch.stop()
    expect(watch.watched).toEqual([])
  })
})
