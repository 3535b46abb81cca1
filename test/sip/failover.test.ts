/**
 * Failover and fallback between an ordered list of servers, as desk phones move between CUCM and
 * SRST: the primary is a closed UDP port (ICMP port unreachable) until a test brings it back as
 * SIPp on that port; the backup is SIPp as a registrar.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PrimaryFallback } from '../../src/main/service/primary-fallback'
import { outcomeOf, type SipOutcome } from '../../src/main/sip/sip-endpoint'
import { receivedMessages } from './support/digest'
import { expectScenarioPassed } from './support/expect-sipp'
import { requireTool } from './support/require-tool'
import { createService, useCleanup } from './support/service-harness'
import { freeLoopbackPort, startSipp, type SippPeer, type SippResult } from './support/sipp'

const hasSipp = requireTool('sipp')

const BACKUP = 'backup-registrar.xml'
const PRIMARY = 'primary-returns.xml'

function answeredBy(code: number, headers: Record<string, string>): SipOutcome {
  return outcomeOf(code, (name) => headers[name])
}

/** The methods of the requests SIPp received, in order: which server saw what. */
function requestsReceived(result: SippResult): string[] {
  return receivedMessages(result.messageLog)
    .map((message) => message.split(' ', 1)[0])
    .filter((method) => method !== 'SIP/2.0')
}

describe('the fallback probe', () => {
  const via = 'SIP/2.0/UDP deskdial.invalid;branch=z9hG4bK1'

  it.each([200, 404, 405, 408, 503])('counts a %i from the server itself as alive', (code) => {
    expect(answeredBy(code, { Via: via })).toBe('answered')
  })

  it('does not count our own 408 (no answer) or the ICMP 503 (port closed) as an answer', () => {
    expect(answeredBy(408, {})).toBe('timed-out')
    expect(answeredBy(503, {})).toBe('unreachable')
    const unreachable = {
      Via: via,
      Warning: '399 deskdial "Nothing answers at 127.0.0.1:5060: the port is closed (ICMP port unreachable)"'
    }
    expect(answeredBy(503, unreachable)).toBe('unreachable')
  })
})

describe('the fallback schedule', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** A primary that answers (or not) every probe, a service that is busy (or not), and the moves made. */
  function schedule(primaryAnswers: boolean | boolean[], answersNeeded = 1) {
    vi.useFakeTimers()
    const world = { busy: false, probes: [] as AbortSignal[], moves: 0 }
    const answers = Array.isArray(primaryAnswers) ? [...primaryAnswers] : undefined
    const fallback = new PrimaryFallback({
      intervalMs: 1_000,
      answersNeeded,
      probe: (signal) => {
        world.probes.push(signal)
        if (answers) return Promise.resolve(answers.shift() ?? false)
        return new Promise<boolean>((resolve) =>
          primaryAnswers ? resolve(true) : signal.addEventListener('abort', () => resolve(false))
        )
      },
      canMoveBack: () => !world.busy,
      moveBack: async () => {
        world.moves += 1
      }
    })
    return { world, fallback }
  }

  it('does not probe while a call is in progress, and moves back once it has ended', async () => {
    const { world, fallback } = schedule(true)
    world.busy = true
    fallback.start()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(world.probes).toHaveLength(0)
    world.busy = false
    fallback.recheck()
    await vi.advanceTimersByTimeAsync(0)
    expect(world.probes).toHaveLength(1)
    expect(world.moves).toBe(1)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(world.probes).toHaveLength(1)
  })

  it('holds down: moves back only after enough answers in a row', async () => {
    const { world, fallback } = schedule([true, false, true, true, true, true], 3)
    fallback.start()
    await vi.advanceTimersByTimeAsync(4_000)
    expect(world.probes).toHaveLength(4)
    expect(world.moves).toBe(0)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(world.probes).toHaveLength(5)
    expect(world.moves).toBe(1)
  })

  it('stops probing on stop(), aborting the probe under way', async () => {
    const { world, fallback } = schedule(false)
    fallback.start()
    await vi.advanceTimersByTimeAsync(1_000)
    expect(world.probes).toHaveLength(1)
    fallback.stop()
    expect(world.probes[0].aborted).toBe(true)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(world.probes).toHaveLength(1)
    expect(world.moves).toBe(0)
  })
})

describe.skipIf(!hasSipp)('failover and fallback against SIPp (UDP)', () => {
  const track = useCleanup()

  /** A service whose primary is a closed port and whose backup is SIPp, started and registered on the backup. */
  async function registeredOnBackup(backupCalls: number) {
    const primaryPort = await freeLoopbackPort('udp')
    const backup = track(
      await startSipp({ scenario: BACKUP, transport: 'udp', calls: backupCalls, timeoutSeconds: 30 }),
      (peer) => peer.stop()
    )
    const dut = createService({
      port: primaryPort,
      backupPorts: [backup.port],
      transport: 'udp',
      register: true,
      timing: {
        backoff: { initialMs: 100, maxMs: 400 },
        fallbackProbeMs: 300,
        fallbackAnswers: 1,
        unregisterTimeoutMs: 1_000
      }
    })
    track(dut.service, (service) => service.stop())
    const timeline: string[] = []
    dut.service.onRegistration((status) => timeline.push(`${status.state} ${status.server}`))
    dut.service.onCallProgress((progress) => timeline.push(`call ${progress.state}`))
    await dut.service.start()
    const primary = `127.0.0.1:${primaryPort}`
    const backupServer = `127.0.0.1:${backup.port}`
    await expect
      .poll(() => dut.service.registration, { timeout: 10_000 })
      .toMatchObject({ state: 'registered', server: backupServer })
    return { dut, backup, primaryPort, primary, backupServer, timeline }
  }

  function primaryReturns(port: number, calls: number, optionsCode = 200): Promise<SippPeer> {
    return startSipp({
      scenario: PRIMARY,
      transport: 'udp',
      port,
      calls,
      keys: { options_code: String(optionsCode) },
      timeoutSeconds: 30
    })
  }

  it('fails over to the backup when the primary port is closed', async () => {
    const { dut, backup, primary, backupServer, timeline } = await registeredOnBackup(1)
    expect(timeline).toEqual([
      `registering ${primary}`,
      `retrying ${primary}`,
      `registering ${backupServer}`,
      `registered ${backupServer}`
    ])
    expect(dut.registrations[1]).toMatchObject({
      code: 503,
      reason: 'The phone system did not answer (check the server address and network)'
    })
    expect(dut.service.currentServer).toBe(backupServer)
    await dut.service.stop()
    const result = await backup.exited
    expectScenarioPassed(BACKUP, result)
    expect(requestsReceived(result)).toEqual(['REGISTER', 'REGISTER'])
  })

  it.each([200, 405])(
    'falls back to the primary once it answers the OPTIONS probe (%i), and dials there',
    async (optionsCode) => {
      const { dut, backup, primaryPort, primary, backupServer, timeline } = await registeredOnBackup(1)
      const primarySipp = track(await primaryReturns(primaryPort, 3, optionsCode), (peer) => peer.stop())
      await expect
        .poll(() => dut.service.registration, { timeout: 10_000 })
        .toMatchObject({ state: 'registered', server: primary })
      expect(timeline.slice(4)).toEqual([
        `unregistered ${backupServer}`,
        `registering ${primary}`,
        `registered ${primary}`
      ])
      const backupResult = await backup.exited
      expectScenarioPassed(BACKUP, backupResult)
      expect(requestsReceived(backupResult)).toEqual(['REGISTER', 'REGISTER'])

      const call = dut.dial('1002')
      expect(await dut.waitForFinal(call.id, 10_000)).toMatchObject({ state: 'connected', code: 200 })
      await dut.service.stop()
      const primaryResult = await primarySipp.exited
      expectScenarioPassed(PRIMARY, primaryResult)
      expect(requestsReceived(primaryResult)).toEqual(['OPTIONS', 'REGISTER', 'REFER', 'REGISTER'])
      expect(dut.logs).toContain(`info: Switched from ${backupServer} to ${primary}.`)
      expect(dut.switches.map(({ from, to, reason }) => ({ from, to, reason }))).toEqual([
        { from: primary, to: backupServer, reason: 'failover' },
        { from: backupServer, to: primary, reason: 'fallback' }
      ])
    }
  )

  it('without registration, dials through the backup after the primary left a REFER unanswered', async () => {
    const primaryPort = await freeLoopbackPort('udp')
    const backup = track(
      await startSipp({
        scenario: 'refer-notify.xml',
        transport: 'udp',
        keys: { busy_target: 'none' },
        timeoutSeconds: 20
      }),
      (peer) => peer.stop()
    )
    const dut = createService({
      port: primaryPort,
      backupPorts: [backup.port],
      transport: 'udp',
      register: false,
      timing: { fallbackProbeMs: 60_000 }
    })
    track(dut.service, (service) => service.stop())
    await dut.service.start()
    expect(dut.service.registration).toMatchObject({ state: 'disabled', server: `127.0.0.1:${primaryPort}` })

    const first = dut.dial('1002')
    expect(await dut.waitForFinal(first.id, 10_000)).toMatchObject({ state: 'failed', code: 503 })
    await dut.waitForRegistration('disabled', 10_000)
    await expect.poll(() => dut.service.registration.server, { timeout: 10_000 }).toBe(`127.0.0.1:${backup.port}`)

    const second = dut.dial('1002')
    expect(await dut.waitForFinal(second.id, 10_000)).toMatchObject({ state: 'connected', code: 200 })
    expectScenarioPassed('refer-notify.xml', await backup.exited)
  })

  it('waits for the call in progress on the backup to end before it moves back', async () => {
    const { dut, backup, primaryPort, primary, backupServer, timeline } = await registeredOnBackup(2)
    const call = dut.dial('1002')
    timeline.push(`call ${call.state}`)
    // The backup holds the call's final NOTIFY for 3 s: the primary is back while the call rings.
    await expect.poll(() => dut.statesOf(call.id), { timeout: 10_000 }).toContain('ringing')
    const primarySipp = track(await primaryReturns(primaryPort, 2), (peer) => peer.stop())
    timeline.push('primary is back')
    await expect
      .poll(() => dut.service.registration, { timeout: 15_000 })
      .toMatchObject({ state: 'registered', server: primary })

    expect(timeline.slice(4)).toEqual([
      'call requesting',
      'call trying',
      'call ringing',
      'primary is back',
      'call connected',
      `unregistered ${backupServer}`,
      `registering ${primary}`,
      `registered ${primary}`
    ])
    const backupResult = await backup.exited
    expectScenarioPassed(BACKUP, backupResult)
    expect(requestsReceived(backupResult)).toEqual(['REGISTER', 'REFER', 'REGISTER'])
    await dut.service.stop()
    const primaryResult = await primarySipp.exited
    expectScenarioPassed(PRIMARY, primaryResult)
    expect(requestsReceived(primaryResult)).toEqual(['OPTIONS', 'REGISTER', 'REGISTER'])
  })
})
