/**
 * The click-to-dial call flow over UDP against SIPp as the phone system: the out-of-dialog REFER,
 * its digest challenge, the 202 and the NOTIFYs, and the CallProgress the user sees for each.
 */
import { describe, expect, it } from 'vitest'
import { CALL_MESSAGES } from '../../src/main/sip/call-messages'
import { headerValues, receivedMessages, verifyDigestResponse } from './support/digest'
import { expectScenarioPassed } from './support/expect-sipp'
import { requireTool } from './support/require-tool'
import { createService, TEST_ACCOUNT, useCleanup, type ServiceUnderTestOptions } from './support/service-harness'
import { describeSippResult, startSipp, type SippOptions } from './support/sipp'

const hasSipp = requireTool('sipp')

describe.skipIf(!hasSipp)('click-to-dial against SIPp (UDP)', () => {
  const track = useCleanup()

  async function dialAgainst(
    sippOptions: Omit<SippOptions, 'transport' | 'timeoutSeconds'>,
    service: Partial<ServiceUnderTestOptions> = {},
    target = '1002'
  ) {
    const sipp = track(await startSipp({ transport: 'udp', timeoutSeconds: 20, ...sippOptions }), (peer) => peer.stop())
    const dut = createService({ port: sipp.port, transport: 'udp', ...service })
    track(dut.service, (running) => running.stop())
    await dut.service.start()
    const first = dut.dial(target)
    expect(first).toMatchObject({ state: 'requesting', target, reason: 'Contacting the phone system...' })
    const final = await dut.waitForFinal(first.id, 15_000).catch(async (error: Error) => {
      await sipp.stop()
      throw new Error(`${error.message}\n${describeSippResult(sippOptions.scenario, await sipp.exited)}`)
    })
    const result = await sipp.exited
    return {
      dut,
      first,
      final,
      result,
      states: dut.statesOf(first.id),
      progress: dut.progress.filter((update) => update.id === first.id)
    }
  }

  it('authenticates the REFER after 407 and reports trying, ringing and connected from the NOTIFYs', async () => {
    const scenario = 'refer-407-notify.xml'
    const { final, result, states, progress } = await dialAgainst({
      scenario,
      keys: { line: TEST_ACCOUNT.line, target: '1002' }
    })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expect(progress.map((update) => update.reason)).toEqual([
      'Contacting the phone system...',
      'Ringing your desk phone — pick it up',
      'Calling 1002...',
      'Connected: talk on your desk phone'
    ])
    expect(final.code).toBe(200)
    const proxyAuthorizations = receivedMessages(result.messageLog).flatMap((message) =>
      headerValues(message, 'Proxy-Authorization')
    )
    expect(proxyAuthorizations, describeSippResult(scenario, result)).toHaveLength(1)
    expect(
      verifyDigestResponse(proxyAuthorizations[0], {
        method: 'REFER',
        username: TEST_ACCOUNT.authUser,
        password: TEST_ACCOUNT.password
      })
    ).toBe('valid')
  })

  it('sends a # of a feature code as %23 in the Refer-To', async () => {
    const scenario = 'refer-407-notify.xml'
    const target = '*21*0049151555#'
    const { final, result } = await dialAgainst(
      { scenario, keys: { line: TEST_ACCOUNT.line, target: '*21*0049151555%23' } },
      {},
      target
    )
    expectScenarioPassed(scenario, result)
    expect(final).toMatchObject({ target, state: 'connected' })
    const refers = receivedMessages(result.messageLog).filter((message) => message.startsWith('REFER '))
    expect(
      refers.flatMap((message) => headerValues(message, 'Refer-To')),
      describeSippResult(scenario, result)
    ).toEqual(['<sip:*21*0049151555%23@127.0.0.1>', '<sip:*21*0049151555%23@127.0.0.1>'])
  })

  it('matches a NOTIFY that arrives before the 202 to its REFER', async () => {
    const scenario = 'notify-before-202.xml'
    const { result, states } = await dialAgainst({ scenario })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
  })

  it('answers a retransmitted NOTIFY again but reports it once', async () => {
    const scenario = 'notify-repeated.xml'
    // -nr: SIPp would otherwise take the client's (correctly identical) second 200 for a retransmission of the first.
    const { result, states } = await dialAgainst({ scenario, extraArgs: ['-nr'] })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
  })

  it.each([
    ['refer-403.xml', 403, 'The phone system refused the call (click-to-dial not allowed for this account)'],
    ['refer-405.xml', 405, 'This phone system does not accept click-to-dial (out-of-dialog REFER is disabled)']
  ])('turns a refused REFER (%s) into a failure the user understands', async (scenario, code, reason) => {
    const { result, states, final } = await dialAgainst({ scenario })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'failed'])
    expect(final).toMatchObject({ code, reason })
  })

  it('reports a busy target from the final sipfrag', async () => {
    const scenario = 'refer-busy.xml'
    const { result, states, final } = await dialAgainst({ scenario })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'failed'])
    expect(final).toMatchObject({ code: 486, reason: 'The number is busy' })
  })

  it('reports a failure when the subscription ends without a final status', async () => {
    const scenario = 'refer-no-final.xml'
    const { result, states, final } = await dialAgainst({ scenario })
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'failed'])
    expect(final.reason).toBe(CALL_MESSAGES.subscriptionEndedWithoutResult)
    expect(final.code).toBeUndefined()
  })

  it('reports a failure when no NOTIFY follows the 202 within the NOTIFY timeout', async () => {
    const scenario = 'refer-no-notify.xml'
    const started = Date.now()
    const { result, states, final } = await dialAgainst(
      { scenario, extraArgs: ['-d', '3000'] },
      { timing: { notifyTimeoutMs: 1500 } }
    )
    expectScenarioPassed(scenario, result)
    expect(states).toEqual(['requesting', 'trying', 'failed'])
    expect(final.reason).toBe(CALL_MESSAGES.subscriptionSilent)
    expect(final.at - started).toBeGreaterThanOrEqual(1500)
  })

  it('tracks several dials at once, each by its own Call-ID and NOTIFYs', async () => {
    const scenario = 'refer-notify.xml'
    const sipp = track(
      await startSipp({ scenario, transport: 'udp', calls: 2, keys: { busy_target: '2002' }, timeoutSeconds: 20 }),
      (peer) => peer.stop()
    )
    const dut = createService({ port: sipp.port, transport: 'udp' })
    track(dut.service, (running) => running.stop())
    await dut.service.start()
    const toConnect = dut.dial('2001')
    const toBusy = dut.dial('2002')
    expect(toConnect.id).not.toBe(toBusy.id)
    const [connected, busy] = await Promise.all([
      dut.waitForFinal(toConnect.id, 15_000),
      dut.waitForFinal(toBusy.id, 15_000)
    ])
    expectScenarioPassed(scenario, await sipp.exited)
    expect(connected).toMatchObject({ target: '2001', state: 'connected', code: 200 })
    expect(busy).toMatchObject({ target: '2002', state: 'failed', code: 486, reason: 'The number is busy' })
    expect(dut.statesOf(toConnect.id)).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expect(dut.statesOf(toBusy.id)).toEqual(['requesting', 'trying', 'ringing', 'failed'])
    // The two calls really overlapped: the second REFER went out before the first call ended.
    const firstEnd = dut.progress.findIndex((update) => update.id === toConnect.id && update.state === 'connected')
    const secondStart = dut.progress.findIndex((update) => update.id === toBusy.id && update.state === 'trying')
    expect(secondStart).toBeLessThan(firstEnd)
  })
})
