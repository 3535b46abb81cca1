import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RFC3261_TIMERS, UdpRetransmitter } from '../../../../src/main/sip/transport/udp-retransmitter'
import { sipRequest, sipResponse } from './transport-test-kit'

/** Milliseconds since the start of the test at which each retransmission happened. */
function recordingRetransmitter(): { retransmitter: UdpRetransmitter; resentAt: number[]; resent: string[] } {
  const start = Date.now()
  const resentAt: number[] = []
  const resent: string[] = []
  const retransmitter = new UdpRetransmitter((data) => {
    resentAt.push(Date.now() - start)
    resent.push(data.toString())
  }, RFC3261_TIMERS)
  return { retransmitter, resentAt, resent }
}

function sent(retransmitter: UdpRetransmitter, message: string): void {
  retransmitter.requestSent(message, Buffer.from(message))
}

describe('UdpRetransmitter (RFC 3261 timers, fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('resends a non-INVITE request at T1 doubling up to T2 and gives up at 64*T1', () => {
    const { retransmitter, resentAt, resent } = recordingRetransmitter()
    const register = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKreg', method: 'REGISTER' })
    sent(retransmitter, register)
    vi.advanceTimersByTime(40_000)
    expect(resentAt).toEqual([500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500])
    expect(new Set(resent)).toEqual(new Set([register]))
  })

  it('keeps resending every T2 after a provisional response and stops at the final one', () => {
    const { retransmitter, resentAt } = recordingRetransmitter()
    const refer = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKref', method: 'REFER' })
    sent(retransmitter, refer)
    vi.advanceTimersByTime(100)
    retransmitter.responseReceived(sipResponse(refer, 100, 'Trying'))
    vi.advanceTimersByTime(9_000)
    expect(resentAt).toEqual([500, 4500, 8500])
    retransmitter.responseReceived(sipResponse(refer, 202, 'Accepted'))
    vi.advanceTimersByTime(30_000)
    expect(resentAt).toEqual([500, 4500, 8500])
  })

  it('stops resending an INVITE at the first provisional response (Timer A)', () => {
    const { retransmitter, resentAt } = recordingRetransmitter()
    const invite = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKinv', method: 'INVITE' })
    sent(retransmitter, invite)
    vi.advanceTimersByTime(1_600)
    retransmitter.responseReceived(sipResponse(invite, 180, 'Ringing'))
    vi.advanceTimersByTime(40_000)
    expect(resentAt).toEqual([500, 1500])
  })

  it('never resends an ACK', () => {
    const { retransmitter, resentAt } = recordingRetransmitter()
    sent(retransmitter, sipRequest({ protocol: 'UDP', branch: 'z9hG4bKack', method: 'ACK' }))
    vi.advanceTimersByTime(40_000)
    expect(resentAt).toEqual([])
  })

  it('tells a CANCEL from the INVITE sharing its branch by the CSeq method', () => {
    const { retransmitter, resent } = recordingRetransmitter()
    const invite = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKshared', method: 'INVITE' })
    const cancel = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKshared', method: 'CANCEL' })
    sent(retransmitter, invite)
    sent(retransmitter, cancel)
    retransmitter.responseReceived(sipResponse(cancel, 200))
    vi.advanceTimersByTime(600)
    expect(resent).toEqual([invite])
  })

  it('ignores a response for a branch it does not know', () => {
    const { retransmitter, resentAt } = recordingRetransmitter()
    const options = sipRequest({ protocol: 'UDP', branch: 'z9hG4bKmine' })
    sent(retransmitter, options)
    retransmitter.responseReceived(sipResponse(sipRequest({ protocol: 'UDP', branch: 'z9hG4bKother' }), 200))
    vi.advanceTimersByTime(1_000)
    expect(resentAt).toEqual([500])
  })

  it('stopAll() cancels every pending retransmission', () => {
    const { retransmitter, resentAt } = recordingRetransmitter()
    sent(retransmitter, sipRequest({ protocol: 'UDP', branch: 'z9hG4bKa' }))
    sent(retransmitter, sipRequest({ protocol: 'UDP', branch: 'z9hG4bKb' }))
    retransmitter.stopAll()
    vi.advanceTimersByTime(40_000)
    expect(resentAt).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
