import { afterEach, describe, expect, it, vi } from 'vitest'
import { reconnectWhenBackOnline } from '../../../src/main/app/power'

afterEach(() => {
  vi.useRealTimers()
})

describe('reconnecting when the network comes back', () => {
  it('reconnects once per return online, not while online or offline', () => {
    vi.useFakeTimers()
    let online = true
    let reconnects = 0
    const stop = reconnectWhenBackOnline({ isOnline: () => online }, () => reconnects++, 1000)
    vi.advanceTimersByTime(3000)
    expect(reconnects).toBe(0)
    online = false
    vi.advanceTimersByTime(3000)
    expect(reconnects).toBe(0)
    online = true
    vi.advanceTimersByTime(3000)
    expect(reconnects).toBe(1)
    stop()
    online = false
    vi.advanceTimersByTime(1000)
    online = true
    vi.advanceTimersByTime(1000)
    expect(reconnects).toBe(1)
  })
})
