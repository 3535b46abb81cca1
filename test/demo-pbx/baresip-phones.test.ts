/**
 * Two real SIP phones (baresip) registered to the demo phone system: DeskDial dials, the desk
 * phone answers, the target rings and answers, and the audio really flows between the two phones,
 * as baresip itself reports it. Hanging up one phone ends the other's call.
 */
import { describe, expect, it } from 'vitest'
import { startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import { requireTool } from '../sip/support/require-tool'
import { createService, TEST_ACCOUNT, useCleanup } from '../sip/support/service-harness'
import { startBaresip, type BaresipPhone } from './support/baresip'

const TARGET = '1002'

describe.skipIf(!requireTool('baresip'))('the demo phone system with two real phones (baresip)', () => {
  const track = useCleanup()

  async function phonesOn(
    transport: 'udp' | 'tcp'
  ): Promise<{ pbx: DemoPhoneSystem; deskPhone: BaresipPhone; target: BaresipPhone; log: string[] }> {
    const log: string[] = []
    const pbx = track(
      await startDemoPhoneSystem({ port: 0, transport, account: TEST_ACCOUNT, log: (line) => log.push(line) }),
      (system) => system.stop()
    )
    const deskPhone = track(await startBaresip({ number: TEST_ACCOUNT.line, pbxPort: pbx.port, transport }), (phone) =>
      phone.stop()
    )
    const target = track(await startBaresip({ number: TARGET, pbxPort: pbx.port, transport }), (phone) => phone.stop())
    // baresip may register before its control connection is up: ask the registrar instead.
    for (let polls = 0; polls < 200 && pbx.registeredPhones.length < 2; polls++)
      await new Promise((resolve) => setTimeout(resolve, 50))
    expect(pbx.registeredPhones.sort(), log.join('\n')).toEqual([TEST_ACCOUNT.line, TARGET])
    return { pbx, deskPhone, target, log }
  }

  for (const [transport, hangsUp] of [
    ['udp', 'target'],
    ['tcp', 'desk phone']
  ] as const) {
    it(`connects the desk phone to the target over ${transport.toUpperCase()}, audio flows between them, and when the ${hangsUp} hangs up the other's call ends`, async () => {
      const { pbx, deskPhone, target, log } = await phonesOn(transport)
      const dut = createService({ port: pbx.port, transport, register: true, password: TEST_ACCOUNT.password })
      track(dut.service, (service) => service.stop())
      await dut.service.start()
      await dut.waitForRegistration('registered', 10_000)

      const call = dut.dial(TARGET)
      const final = await dut.waitForFinal(call.id, 20_000).catch((error: Error) => {
        throw new Error(`${error.message}\nDemo phone system log:\n${log.join('\n')}`)
      })
      expect(final, log.join('\n')).toMatchObject({ state: 'connected', code: 200 })
      expect(dut.statesOf(call.id)).toEqual(['requesting', 'trying', 'ringing', 'connected'])

      // Each phone says so itself: its call is up and RTP arrives from the other phone.
      await deskPhone.waitForEvent('CALL_ESTABLISHED', 10_000)
      const established = await target.waitForEvent('CALL_ESTABLISHED', 10_000)
      expect(established.peeruri, 'the target sees the desk phone calling').toMatch(
        new RegExp(`^sip:${TEST_ACCOUNT.line}@`)
      )
      // CALL_RTPESTAB: the first RTP packet arrived on the phone's own media port. Only the other phone sends to it.
      await deskPhone.waitForEvent('CALL_RTPESTAB', 10_000)
      await target.waitForEvent('CALL_RTPESTAB', 10_000)

      const [first, other] = hangsUp === 'target' ? [target, deskPhone] : [deskPhone, target]
      first.command('hangup')
      await first.waitForEvent('CALL_CLOSED', 10_000)
      await other.waitForEvent('CALL_CLOSED', 10_000)
      expect(pbx.activeCalls).toBe(0)
    })
  }
})
