import { describe, expect, it } from 'vitest'
import { ResponseRoutes } from '../../../../src/main/sip/transport/response-routes'
import { sipRequest, sipResponse } from './transport-test-kit'

const LIFETIME_MS = 32_000

/** Routes on a clock the test moves by hand. */
function routesAt(maxRoutes = 8) {
  const clock = { now: 0 }
  const routes = new ResponseRoutes<string>({ lifetimeMs: LIFETIME_MS, maxRoutes }, () => clock.now)
  return { routes, clock }
}

function request(branch: string, method = 'NOTIFY'): string {
  return sipRequest({ protocol: 'TCP', branch, method })
}

describe('ResponseRoutes', () => {
  it('routes a response by its top Via branch and CSeq method, so a CANCEL is not mistaken for its INVITE', () => {
    const { routes } = routesAt()
    routes.remember(request('z9hG4bKinv', 'INVITE'), 'connection A')
    routes.remember(request('z9hG4bKinv', 'CANCEL'), 'connection B')

    expect(routes.find(sipResponse(request('z9hG4bKinv', 'INVITE'), 180, 'Ringing'))).toBe('connection A')
    expect(routes.find(sipResponse(request('z9hG4bKinv', 'CANCEL'), 200))).toBe('connection B')
    expect(routes.find(sipResponse(request('z9hG4bKother'), 200))).toBeUndefined()
  })

  it('forgets a route after its transaction lifetime', () => {
    const { routes, clock } = routesAt()
    routes.remember(request('z9hG4bKold'), 'connection A')

    clock.now = LIFETIME_MS - 1
    expect(routes.find(sipResponse(request('z9hG4bKold'), 200))).toBe('connection A')
    clock.now = LIFETIME_MS
    expect(routes.find(sipResponse(request('z9hG4bKold'), 200))).toBeUndefined()
  })

  it('keeps at most maxRoutes, dropping the oldest first', () => {
    const { routes, clock } = routesAt(2)
    for (const branch of ['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3']) {
      routes.remember(request(branch), branch)
      clock.now += 1
    }

    expect(
      ['z9hG4bK1', 'z9hG4bK2', 'z9hG4bK3'].map((branch) => routes.find(sipResponse(request(branch), 200)))
    ).toEqual([undefined, 'z9hG4bK2', 'z9hG4bK3'])
  })

  it('a retransmitted request moves its route to the newest connection and the back of the queue', () => {
    const { routes } = routesAt(2)
    routes.remember(request('z9hG4bKre'), 'connection A')
    routes.remember(request('z9hG4bKnext'), 'connection B')
    routes.remember(request('z9hG4bKre'), 'connection C')
    routes.remember(request('z9hG4bKlast'), 'connection D')

    expect(routes.find(sipResponse(request('z9hG4bKre'), 200))).toBe('connection C')
    expect(routes.find(sipResponse(request('z9hG4bKnext'), 200))).toBeUndefined()
  })

  it('forgets every request of a connection that closed', () => {
    const { routes } = routesAt()
    routes.remember(request('z9hG4bKa1'), 'connection A')
    routes.remember(request('z9hG4bKb1'), 'connection B')
    routes.remember(request('z9hG4bKa2'), 'connection A')

    routes.forget('connection A')

    expect(
      ['z9hG4bKa1', 'z9hG4bKb1', 'z9hG4bKa2'].map((branch) => routes.find(sipResponse(request(branch), 200)))
    ).toEqual([undefined, 'connection B', undefined])
  })

  it('routes our response to a request without a branch by its whole top Via, copied as it came', () => {
    const { routes } = routesAt()
    const noBranch = request('z9hG4bKx').replace(';branch=z9hG4bKx', '')
    routes.remember(noBranch, 'connection A')
    routes.remember(request('z9hG4bKy'), 'connection B')

    expect(routes.find(sipResponse(noBranch, 200).replace(';received=127.0.0.1', ''))).toBe('connection A')
  })

  it('routes a response whose CSeq names another method, or none, by the branch alone', () => {
    const { routes } = routesAt()
    routes.remember(request('z9hG4bKodd', 'X-PING.2'), 'connection A')

    expect(routes.find(sipResponse(request('z9hG4bKodd', 'X-PING.2'), 501))).toBe('connection A')
    expect(routes.find(sipResponse(request('z9hG4bKodd'), 400).replace(/^CSeq:.*$/m, 'CSeq: 4294967296 ?'))).toBe(
      'connection A'
    )
  })

  it('reads a Via folded over several lines', () => {
    const { routes } = routesAt()
    const folded = request('z9hG4bKfold').replace(/^Via: SIP\/2\.0\/TCP /m, 'Via: SIP/2.0/TCP\r\n   ')
    routes.remember(folded, 'connection A')

    expect(routes.find(sipResponse(request('z9hG4bKfold'), 200))).toBe('connection A')
  })
})
