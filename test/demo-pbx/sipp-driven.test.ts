/**
 * SIPp drives the demo phone system from outside with scenarios written from the RFCs, so that the
 * demo phone system and DeskDial cannot merely agree with each other: digest-challenged REFER,
 * a retransmitted REFER answered with the same 202 and no second call, and every special number's
 * failure reported in the sipfrag of the final NOTIFY.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SPECIAL_NUMBERS, startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import { headerValues, receivedMessages } from '../sip/support/digest'
import { requireTool } from '../sip/support/require-tool'
import { useCleanup } from '../sip/support/service-harness'
import { describeSippResult, startSipp, type SippResult } from '../sip/support/sipp'

const SCENARIOS = fileURLToPath(new URL('./scenarios/', import.meta.url))
const ACCOUNT = { user: 'deskdial', password: 'Demo-s3cret' }

/** The sipfrag status line of a NOTIFY. */
function sipfragStatus(message: string): number | undefined {
  const match = /\r?\n\r?\n\s*SIP\/2\.0 (\d{3})/.exec(message)
  return match ? Number(match[1]) : undefined
}

describe.skipIf(!requireTool('sipp'))('the demo phone system driven by SIPp', () => {
  const track = useCleanup()

  async function startPbx(log: string[], ringTimeoutMs = 10_000): Promise<DemoPhoneSystem> {
    return track(
      await startDemoPhoneSystem({
        port: 0,
        transport: 'udp',
        account: ACCOUNT,
        // SIPp 3.6 answers MD5 challenges only; DeskDial's SHA-256 is exercised by the baresip tests.
        digestAlgorithms: ['MD5'],
        ringTimeoutMs,
        virtualPhones: { answerDelayMs: 300, talkTimeMs: 500 },
        log: (line) => log.push(line)
      }),
      (pbx) => pbx.stop()
    )
  }

  async function referFromSipp(pbx: DemoPhoneSystem, target: string, password = ACCOUNT.password): Promise<SippResult> {
    const sipp = track(
      await startSipp({
        scenario: `${SCENARIOS}refer-client.xml`,
        transport: 'udp',
        keys: { desk_phone: '1001', target },
        extraArgs: ['-s', ACCOUNT.user, '-au', ACCOUNT.user, '-ap', password, `127.0.0.1:${pbx.port}`],
        timeoutSeconds: 20
      }),
      (peer) => peer.stop()
    )
    return sipp.exited
  }

  it('challenges the REFER with digest, accepts the right credentials, answers a retransmitted REFER with the same 202 and places one call', async () => {
    const log: string[] = []
    const pbx = await startPbx(log)
    const result = await referFromSipp(pbx, '1002')
    const why = `${describeSippResult('refer-client', result)}\n--- demo phone system ---\n${log.join('\n')}`
    expect(result.code, why).toBe(0)

    const received = receivedMessages(result.messageLog)
    const challenge = received.find((message) => message.startsWith('SIP/2.0 401'))
    expect(challenge, why).toBeDefined()
    expect(headerValues(challenge ?? '', 'WWW-Authenticate')).toEqual([
      expect.stringMatching(/^Digest realm="deskdial-demo", nonce="[^"]+", algorithm=MD5, qop="auth"$/)
    ])

    const accepted = received.filter((message) => message.startsWith('SIP/2.0 202'))
    expect(accepted).toHaveLength(2)
    expect(accepted[1]).toBe(accepted[0])
    expect(log.filter((line) => line.includes('ringing the desk phone'))).toHaveLength(1)

    const notifies = received.filter((message) => message.startsWith('NOTIFY '))
    expect(notifies.map(sipfragStatus)).toEqual([100, 180, 200])
    expect(headerValues(notifies[2], 'Subscription-State')[0]).toMatch(/^terminated/)
  })

  it('answers a REFER with wrong credentials with another challenge and places no call', async () => {
    const log: string[] = []
    const pbx = await startPbx(log)
    const result = await referFromSipp(pbx, '1002', 'not-the-password')
    const received = receivedMessages(result.messageLog)
    expect(result.code).not.toBe(0)
    expect(
      received.filter((message) => message.startsWith('SIP/2.0 401')).length,
      describeSippResult('refer-client', result)
    ).toBe(2)
    expect(received.some((message) => message.startsWith('SIP/2.0 202'))).toBe(false)
    expect(log.some((line) => line.includes('ringing the desk phone'))).toBe(false)
  })

  for (const special of SPECIAL_NUMBERS) {
    it(`reports ${special.status} in the final sipfrag when the target is ${special.number} (${special.behaviour})`, async () => {
      const log: string[] = []
      const pbx = await startPbx(log, 1_500)
      const result = await referFromSipp(pbx, special.number)
      const why = `${describeSippResult('refer-client', result)}\n--- demo phone system ---\n${log.join('\n')}`
      expect(result.code, why).toBe(0)
      const notifies = receivedMessages(result.messageLog).filter((message) => message.startsWith('NOTIFY '))
      const final = notifies[notifies.length - 1]
      expect(sipfragStatus(final), why).toBe(special.status)
      expect(headerValues(final, 'Subscription-State')[0]).toMatch(/^terminated/)
      if (special.rings) expect(notifies.map(sipfragStatus)).toEqual([100, 180, special.status])
    })
  }
})
