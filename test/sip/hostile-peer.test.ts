/**
 * A phone system that sends garbage: 1,200 malformed and mutated SIP messages at the client over
 * UDP and over TCP, from the address the client talks to. Nothing may crash (vitest fails the run
 * on an unhandled exception or rejection), no call may change because of them, and a normal dial
 * must still work afterwards. Over TCP, byte streams no framer can resynchronise after must make
 * the client drop the connection and reconnect, not wedge.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { startChunkingTcpProxy } from './support/chunking-tcp-proxy'
import { expectScenarioPassed } from './support/expect-sipp'
import { generateHostileMessages, streamKillers, type HostileTarget } from './support/hostile-peer'
import { isRequest, startLossyUdpRelay } from './support/lossy-udp-relay'
import { requireTool } from './support/require-tool'
import { createService, TEST_ACCOUNT, useCleanup, type ServiceUnderTest } from './support/service-harness'
import { startSipp } from './support/sipp'

const hasSipp = requireTool('sipp')
const scenario = 'refer-notify.xml'
const keys = { busy_target: 'none' }
const HOSTILE_COUNT = 1200

function callIdOf(message: string): string {
  return /^(?:Call-ID|i)[ \t]*:[ \t]*(\S+)/im.exec(message)?.[1] ?? ''
}

/** The client's own host:port, from the Via of a request it sent. */
function clientHostPort(request: string): string {
  const sentBy = /^Via:[ \t]*SIP\/2\.0\/[A-Z]+[ \t]+([^;\s]+)/im.exec(request)?.[1]
  if (!sentBy) throw new Error(`No Via sent-by in:\n${request}`)
  return sentBy
}

/** Dials and waits for `connected`, then a moment more: the client's 200 to the last NOTIFY is still on its way to SIPp. */
async function dialConnected(dut: ServiceUnderTest, target: string): Promise<string> {
  const call = dut.dial(target)
  const final = await dut.waitForFinal(call.id, 15_000)
  expect(final, dut.logs.slice(-40).join('\n')).toMatchObject({ state: 'connected', code: 200 })
  await sleep(300)
  return call.id
}

/**
 * What reaches SIPp: REFERs, and messages carrying a REFER's Call-ID outside a hostile burst. The
 * client's answers to the garbage are not for SIPp (it would take them for new calls).
 */
function realCallsOnly(): { drop(message: string): boolean; setBurst(on: boolean): void } {
  const realCalls = new Set<string>()
  let burst = false
  return {
    drop(message) {
      if (isRequest('REFER')(message)) {
        realCalls.add(callIdOf(message))
        return false
      }
      return burst || !realCalls.has(callIdOf(message))
    },
    setBurst(on) {
      burst = on
    }
  }
}

describe.skipIf(!hasSipp)('a hostile phone system', () => {
  const track = useCleanup()

  it('survives 1,200 hostile datagrams over UDP: no call changes, the next dial connects', async () => {
    const sipp = track(await startSipp({ scenario, transport: 'udp', calls: 2, keys, timeoutSeconds: 40 }), (peer) =>
      peer.stop()
    )
    const filter = realCallsOnly()
    const relay = track(
      await startLossyUdpRelay(
        sipp.port,
        (datagram, direction) => direction === 'toServer' && filter.drop(datagram.toString('latin1'))
      ),
      (r) => r.close()
    )
    const dut = createService({ port: relay.port, transport: 'udp' })
    track(dut.service, (service) => service.stop())
    await dut.service.start()
    const firstCall = await dialConnected(dut, '1002')

    const refer = relay.log.find((datagram) => isRequest('REFER')(datagram.text))?.text ?? ''
    const target: HostileTarget = {
      transport: 'UDP',
      user: TEST_ACCOUNT.user,
      clientHostPort: clientHostPort(refer),
      serverHostPort: `127.0.0.1:${relay.port}`,
      callIds: [firstCall],
      samples: relay.log.filter((datagram) => datagram.direction === 'toClient').map((datagram) => datagram.text)
    }
    const messages = generateHostileMessages(target, { seed: 20240501, count: HOSTILE_COUNT, framing: 'datagram' })
    const progressBefore = dut.progress.length
    filter.setBurst(true)
    for (const [index, message] of messages.entries()) {
      await relay.sendToClient(message.bytes)
      if (index % 20 === 19) await sleep(2)
    }
    await sleep(500)
    filter.setBurst(false)

    expect(relay.injected).toBe(HOSTILE_COUNT)
    expect(new Set(messages.map((message) => message.kind)).size).toBeGreaterThanOrEqual(15)
    expect(dut.progress.slice(progressBefore), 'the hostile messages changed a call').toEqual([])
    expect(dut.service.calls.map((call) => [call.id, call.state])).toEqual([[firstCall, 'connected']])

    const secondCall = await dialConnected(dut, '1003')
    expect(dut.statesOf(secondCall)).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expectScenarioPassed(scenario, await sipp.exited)
  })

  it('survives 1,200 hostile messages on its TCP connection, and reconnects after streams no framer can follow', async () => {
    const killerCount = streamKillers({ transport: 'TCP', user: '', clientHostPort: '', serverHostPort: '' }).length
    const sipp = track(await startSipp({ scenario, transport: 'tcp', calls: 3, keys, timeoutSeconds: 60 }), (peer) =>
      peer.stop()
    )
    const proxy = track(await startChunkingTcpProxy({ serverPort: sipp.port, seed: 11 }), (p) => p.close())
    const dut = createService({
      port: proxy.port,
      transport: 'tcp',
      timing: { backoff: { initialMs: 100, maxMs: 400 } }
    })
    track(dut.service, (service) => service.stop())
    await dut.service.start()

    const filter = realCallsOnly()
    proxy.setClientFilter(filter.drop)
    const firstCall = await dialConnected(dut, '1002')

    const target: HostileTarget = {
      transport: 'TCP',
      user: TEST_ACCOUNT.user,
      clientHostPort: proxy.clientAddress ?? '127.0.0.1',
      serverHostPort: `127.0.0.1:${proxy.port}`,
      callIds: [firstCall]
    }
    const progressBefore = dut.progress.length
    filter.setBurst(true)
    for (const message of generateHostileMessages(target, {
      seed: 20240502,
      count: HOSTILE_COUNT,
      framing: 'stream'
    })) {
      await proxy.injectToClient(message.bytes)
    }
    await sleep(500)
    filter.setBurst(false)
    expect(dut.progress.slice(progressBefore), 'the hostile messages changed a call').toEqual([])
    expect(proxy.stats.connections, 'the client dropped a connection whose framing stayed intact').toBe(1)
    // It parsed them: it answered the hostile requests (answers SIPp never saw).
    expect(proxy.stats.droppedToServer).toBeGreaterThan(0)
    await dialConnected(dut, '1003')

    // Each of these leaves the stream unreadable: the client must close and reconnect.
    for (const [index, killer] of streamKillers(target).entries()) {
      filter.setBurst(true)
      await proxy.injectToClient(killer.bytes)
      const deadline = Date.now() + 5000
      while (proxy.stats.connections < 2 + index) {
        if (Date.now() > deadline)
          throw new Error(
            `After ${killer.kind} the client neither closed nor reconnected its TCP connection.\n${dut.logs.slice(-20).join('\n')}`
          )
        await sleep(20)
      }
      filter.setBurst(false)
    }
    expect(proxy.stats.connections).toBe(1 + killerCount)
    // Reconnected: the service accepts a dial again within a moment.
    const deadline = Date.now() + 5000
    for (;;) {
      try {
        await dialConnected(dut, '1004')
        break
      } catch (error) {
        if (Date.now() > deadline || !/reconnecting/i.test((error as Error).message)) throw error
        await sleep(50)
      }
    }
    expectScenarioPassed(scenario, await sipp.exited)
  })
})
