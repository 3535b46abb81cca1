/**
 * The app quitting right after a call, through the backend's real shutdown path (the service
 * supervisor and the service's stop): DeskDial's 200 to the call's last NOTIFY is lost on the way,
 * and the phone system's retransmission must still find DeskDial there to answer it. Where no
 * retransmission can come (over TCP, or after a call that got no NOTIFY), quitting does not wait.
 */
import { describe, expect, it } from 'vitest'
import { DiagnosticsKeeper } from '../../src/main/backend/diagnostics-keeper'
import { ServiceSupervisor } from '../../src/main/backend/service-supervisor'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import type { CallProgress } from '../../src/shared/call-progress'
import { isFinalCallState } from '../../src/shared/call-progress'
import { dropFirst, startLossyUdpRelay } from './support/lossy-udp-relay'
import { requireTool } from './support/require-tool'
import { createService, TEST_ACCOUNT, useCleanup } from './support/service-harness'
import { describeSippResult, startSipp } from './support/sipp'

describe.skipIf(!requireTool('sipp'))('quitting DeskDial right after a call', () => {
  const track = useCleanup()

  it('answers the phone system repeating the last NOTIFY whose 200 was lost, then closes', async () => {
    const peer = track(
      await startSipp({ scenario: 'notify-answer-lost.xml', transport: 'udp', timeoutSeconds: 20 }),
      (sipp) => sipp.stop()
    )
    const lostAnswer = dropFirst('toServer', (text) => text.startsWith('SIP/2.0 200') && /^CSeq: *1 NOTIFY/m.test(text))
    const relay = track(await startLossyUdpRelay(peer.port, lostAnswer), (r) => r.close())
    const logs: string[] = []
    let onFinal: (progress: CallProgress) => void = () => undefined
    const account = {
      servers: [`127.0.0.1:${relay.port}`],
      transport: 'udp' as const,
      user: TEST_ACCOUNT.user,
      domain: '127.0.0.1',
      line: TEST_ACCOUNT.line,
      register: false,
      expires: 600
    }
    const supervisor = new ServiceSupervisor({
      createService: (options) => new DeskDialService(options),
      account: () => account,
      password: () => Promise.resolve(undefined),
      onRegistration: () => undefined,
      onCallProgress: (progress) => {
        if (isFinalCallState(progress.state)) onFinal(progress)
      },
      onStopped: () => Promise.resolve(),
      log: (level, message) => logs.push(`${level}: ${message}`),
      diagnostics: new DiagnosticsKeeper({ version: '0.0.0-test', account: () => account, now: Date.now }),
      now: Date.now,
      stopTimeoutMs: 3_000,
      reconnectDelayMs: 30_000
    })
    track(supervisor, (s) => s.shutdown())
    await supervisor.restart()
    const final = new Promise<CallProgress>((resolve) => {
      onFinal = resolve
    })
    supervisor.service?.dial('1002')
    expect(await final, logs.join('\n')).toMatchObject({ state: 'connected' })

    await supervisor.shutdown()

    const answers = relay.log.filter(
      (datagram) => datagram.direction === 'toServer' && /^CSeq: *1 NOTIFY/m.test(datagram.text)
    )
    expect(answers.map((datagram) => datagram.dropped)).toEqual([true, false])
    const result = await peer.exited
    expect(result.code, describeSippResult('notify-answer-lost', result)).toBe(0)
  })

  /** Far longer than the test may take: a stop that waits for it fails the test by its timeout. */
  const LONG_LINGER_MS = 600_000

  /** One call against `scenario` to its end, then the service stopped as quitting stops it, with `lingerMs`. */
  async function callThenStop(
    transport: 'udp' | 'tcp',
    scenario: string,
    lingerMs: number
  ): Promise<{ final: CallProgress; logs: string }> {
    const peer = track(
      await startSipp({ scenario, transport, keys: { busy_target: 'none' }, timeoutSeconds: 20 }),
      (sipp) => sipp.stop()
    )
    const dut = createService({ port: peer.port, transport })
    track(dut.service, (service) => service.stop())
    await dut.service.start()
    const final = await dut.waitForFinal(dut.dial('1002').id, 15_000)
    await dut.service.stop({ lingerMs })
    expect(dut.service.phase).toBe('stopped')
    return { final, logs: dut.logs.join('\n') }
  }

  it.each([
    ['over TCP, after the NOTIFYs that connected the call', 'tcp' as const, 'refer-notify.xml', 'connected'],
    ['over UDP, after a call the phone system refused (no NOTIFY)', 'udp' as const, 'refer-403.xml', 'failed']
  ])(
    'closes at once %s: nothing can be repeated',
    async (_what, transport, scenario, state) => {
      const { final, logs } = await callThenStop(transport, scenario, LONG_LINGER_MS)
      expect(final).toMatchObject({ state })
      expect(logs).not.toContain('Answering repeated NOTIFYs')
    },
    30_000
  )

  it('over UDP, after a NOTIFY, stays to answer its repetitions', async () => {
    const { final, logs } = await callThenStop('udp', 'refer-notify.xml', 1_000)
    expect(final).toMatchObject({ state: 'connected' })
    expect(logs).toContain('Answering repeated NOTIFYs for 1 s more before closing.')
  })
})
