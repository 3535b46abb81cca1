import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RegistrationStatus } from '../../../src/shared/registration-status'
import { Registration } from '../../../src/main/sip/registration'
import type { SipEndpoint, SipRequestHandlers, SipResponse } from '../../../src/main/sip/sip-endpoint'
import { canMoveRegistration } from '../../../src/shared/registration-status'

interface SentRegister {
  headers: string[]
  callId: string
  cseq: number
  answer(code: number, headers?: Record<string, string>): void
}

/** A registrar stand-in at the endpoint boundary: it records each REGISTER and lets the test answer it. */
function fakeEndpoint(): { endpoint: () => SipEndpoint; sent: SentRegister[] } {
  const sent: SentRegister[] = []
  const endpoint = {
    serverLabel: '127.0.0.1:5060',
    registrar: 'sip:example.com',
    aor: 'sip:deskdial@example.com',
    contact: '<sip:deskdial@127.0.0.1:40000;transport=udp>',
    send(
      _method: string,
      _ruri: unknown,
      _to: unknown,
      headers: string[],
      handlers: SipRequestHandlers,
      options: { callId?: string; cseq?: number }
    ) {
      const request = { callId: options.callId ?? 'call-1', fromTag: 'tag-1', cseq: options.cseq ?? 1 }
      sent.push({
        headers,
        callId: request.callId,
        cseq: request.cseq,
        answer: (code, extra = {}) => {
          const response: SipResponse = {
            outcome: 'answered',
            code,
            reason: '',
            header: (name) => extra[name],
            headers: (name) => (extra[name] ? [extra[name]] : [])
          }
          handlers.onFinal(response)
        }
      })
      return request
    }
  }
  return { endpoint: () => endpoint as unknown as SipEndpoint, sent }
}

describe('registration state machine', () => {
  let statuses: RegistrationStatus[]
  beforeEach(() => {
    vi.useFakeTimers()
    statuses = []
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function start(expires = 600, prepareRetry?: (code: number | undefined) => Promise<void>) {
    const fake = fakeEndpoint()
    const registration = new Registration({
      endpoint: fake.endpoint,
      expires,
      onStatus: (s) => statuses.push(s),
      random: () => 1,
      prepareRetry
    })
    registration.start()
    return { registration, sent: fake.sent }
  }

  it('refreshes before expiry with the same Call-ID and a higher CSeq', () => {
    const { sent } = start(600)
    sent[0].answer(200, { Contact: '<sip:deskdial@127.0.0.1:40000;transport=udp>;expires=120' })
    expect(statuses.at(-1)).toMatchObject({ state: 'registered', expiresSeconds: 120 })
    vi.advanceTimersByTime(89_000)
    expect(sent).toHaveLength(1)
    vi.advanceTimersByTime(1_000)
    expect(sent).toHaveLength(2)
    expect(sent[1].callId).toBe(sent[0].callId)
    expect(sent[1].cseq).toBeGreaterThan(sent[0].cseq)
  })

  it('does not storm when the 200 carries no expiry at all', () => {
    const { sent } = start(600)
    sent[0].answer(200)
    expect(statuses.at(-1)).toMatchObject({ state: 'registered', expiresSeconds: 600 })
    vi.advanceTimersByTime(60_000)
    expect(sent).toHaveLength(1)
  })

  it('asks again with Min-Expires after a 423', () => {
    const { sent } = start(600)
    sent[0].answer(423, { 'Min-Expires': '1800' })
    expect(sent).toHaveLength(2)
    expect(sent[1].headers).toContain('Expires: 1800')
    expect(sent[1].headers[0]).toMatch(/;expires=1800$/)
  })

  it('stops at wrong credentials instead of looping', () => {
    const { sent } = start()
    sent[0].answer(401)
    expect(statuses.at(-1)).toMatchObject({ state: 'failed', code: 401, reason: 'Wrong user name or password' })
    vi.advanceTimersByTime(3_600_000)
    expect(sent).toHaveLength(1)
  })

  it('stays failed when the connection drops after a final refusal: failed is final', () => {
    const { registration, sent } = start()
    sent[0].answer(403)
    registration.connectionLost()
    vi.advanceTimersByTime(3_600_000)
    expect(statuses.map((status) => status.state)).toEqual(['registering', 'failed'])
    expect(sent).toHaveLength(1)
  })

  it('moves only along the drawn diagram, and throws on a move the diagram lacks', () => {
    const { registration, sent } = start()
    sent[0].answer(200)
    for (const [previous, next] of statuses
      .slice(1)
      .map((status, index) => [statuses[index].state, status.state] as const)) {
      expect(canMoveRegistration(previous, next)).toBe(true)
    }
    expect(canMoveRegistration('failed', 'retrying')).toBe(false)
    expect(canMoveRegistration('disabled', 'registering')).toBe(false)
    // A second final answer to a finished REGISTER would mean a broken transaction layer: refused loudly.
    expect(() => sent[0].answer(401)).toThrow('Registration cannot move from registered to failed.')
    expect(registration.status.state).toBe('registered')
  })

  it('retries with growing delays, then honours Retry-After', async () => {
    const prepared: Array<number | undefined> = []
    const { sent } = start(600, async (code) => {
      prepared.push(code)
    })
    sent[0].answer(408)
    expect(statuses.at(-1)).toMatchObject({ state: 'retrying', code: 408, retryInSeconds: 2 })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(sent).toHaveLength(2)
    sent[1].answer(503)
    expect(statuses.at(-1)).toMatchObject({ state: 'retrying', retryInSeconds: 4 })
    await vi.advanceTimersByTimeAsync(4_000)
    sent[2].answer(503, { 'Retry-After': '30' })
    expect(statuses.at(-1)).toMatchObject({ state: 'retrying', retryInSeconds: 30 })
    await vi.advanceTimersByTimeAsync(29_000)
    expect(sent).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(sent).toHaveLength(4)
    expect(prepared).toEqual([408, 503, 503])
    sent[3].answer(200)
    expect(statuses.at(-1)?.state).toBe('registered')
  })

  it('unregisters on stop, bounded when the server stays silent', async () => {
    const { registration, sent } = start()
    sent[0].answer(200)
    const stopped = registration.stop()
    expect(sent[1].headers).toContain('Expires: 0')
    await vi.advanceTimersByTimeAsync(3_000)
    await stopped
    expect(statuses.at(-1)?.state).toBe('unregistered')
  })

  it('re-registers after the connection is lost', async () => {
    const { registration, sent } = start()
    sent[0].answer(200)
    registration.connectionLost()
    expect(statuses.at(-1)).toMatchObject({ state: 'retrying' })
    await vi.advanceTimersByTimeAsync(2_000)
    expect(sent).toHaveLength(2)
  })
})
