/**
 * The same click-to-dial call over imperfect and secured paths: a lost UDP datagram, a TCP stream
 * cut into tiny fragments and coalesced messages, TLS (with and without the CA), and a server that
 * never answers.
 */
import { describe, expect, it } from 'vitest'
import { makeTestCertificates } from '../support/tls-certs'
import { startChunkingTcpProxy } from './support/chunking-tcp-proxy'
import { expectScenarioPassed } from './support/expect-sipp'
import { dropFirst, isRequest, startLossyUdpRelay } from './support/lossy-udp-relay'
import { requireTool } from './support/require-tool'
import { startSilentPeer } from './support/silent-peer'
import { createService, useCleanup, type ServiceUnderTestOptions } from './support/service-harness'
import { startSipp } from './support/sipp'
import { startTlsTerminator } from './support/tls-terminator'

const hasTools = requireTool('sipp') && requireTool('openssl')
const scenario = 'refer-notify.xml'
/** refer-notify.xml ends a call busy only for this target; the tests here dial others. */
const keys = { busy_target: 'none' }

describe.skipIf(!hasTools)('click-to-dial over imperfect and secured transports', () => {
  const track = useCleanup()

  async function dialToConnected(options: ServiceUnderTestOptions): Promise<string[]> {
    const dut = createService(options)
    track(dut.service, (service) => service.stop())
    await dut.service.start()
    const call = dut.dial('1002')
    const final = await dut.waitForFinal(call.id, 15_000)
    expect(final, dut.logs.join('\n')).toMatchObject({ state: 'connected', code: 200 })
    return dut.statesOf(call.id)
  }

  it('connects over UDP although the first REFER is lost: the client retransmits it', async () => {
    const sipp = track(await startSipp({ scenario, transport: 'udp', keys, timeoutSeconds: 20 }), (peer) => peer.stop())
    const relay = track(await startLossyUdpRelay(sipp.port, dropFirst('toServer', isRequest('REFER'))), (r) =>
      r.close()
    )
    const states = await dialToConnected({ port: relay.port, transport: 'udp' })
    expectScenarioPassed(scenario, await sipp.exited)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    const refers = relay.log.filter(
      (datagram) => datagram.direction === 'toServer' && isRequest('REFER')(datagram.text)
    )
    expect(refers.map((datagram) => datagram.dropped)).toEqual([true, false])
    // A retransmission is the same request: same branch, same CSeq.
    expect(refers[1].text).toBe(refers[0].text)
  })

  it('connects over TCP when every message arrives in 1-7 byte fragments or coalesced with the next', async () => {
    const sipp = track(await startSipp({ scenario, transport: 'tcp', keys, timeoutSeconds: 20 }), (peer) => peer.stop())
    const proxy = track(await startChunkingTcpProxy({ serverPort: sipp.port, seed: 7 }), (p) => p.close())
    const states = await dialToConnected({ port: proxy.port, transport: 'tcp' })
    expectScenarioPassed(scenario, await sipp.exited)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    // The proxy really did both to the client's reads, and fragmented what the client sent.
    expect(proxy.stats.coalescedWrites).toBeGreaterThanOrEqual(1)
    expect(proxy.stats.fragmentWrites).toBeGreaterThan(100)
    expect(proxy.stats.clientFragmentWrites).toBeGreaterThan(100)
    expect(proxy.stats.connections).toBe(1)
  })

  it('connects over TLS to a server whose certificate the configured CA signed', async () => {
    const certs = track(await makeTestCertificates(), (c) => c.cleanup())
    const sipp = track(await startSipp({ scenario, transport: 'tcp', keys, timeoutSeconds: 20 }), (peer) => peer.stop())
    const tls = track(
      await startTlsTerminator({ serverPort: sipp.port, certFile: certs.certFile, keyFile: certs.keyFile }),
      (t) => t.close()
    )
    const states = await dialToConnected({ port: tls.port, transport: 'tls', caFile: certs.caFile })
    expectScenarioPassed(scenario, await sipp.exited)
    expect(states).toEqual(['requesting', 'trying', 'ringing', 'connected'])
    expect(tls.secureConnections).toBe(1)
  })

  it('refuses a TLS server whose certificate it cannot verify, saying it is about the certificate', async () => {
    const certs = track(await makeTestCertificates(), (c) => c.cleanup())
    const silent = track(await startSilentPeer(), (peer) => peer.close())
    const tls = track(
      await startTlsTerminator({ serverPort: silent.port, certFile: certs.certFile, keyFile: certs.keyFile }),
      (t) => t.close()
    )
    const dut = createService({ port: tls.port, transport: 'tls' })
    track(dut.service, (service) => service.stop())
    await expect(dut.service.start()).rejects.toThrow(/certificate/i)
    expect(tls.secureConnections).toBe(0)
    expect(silent.connections).toBe(0)
  })

  it(
    'reports "did not answer" when the server never answers, after retransmitting the REFER over UDP',
    { timeout: 50_000 },
    async () => {
      const silent = track(await startSilentPeer(), (peer) => peer.close())
      const dut = createService({ port: silent.port, transport: 'udp' })
      track(dut.service, (service) => service.stop())
      await dut.service.start()
      const call = dut.dial('1002')
      // sip.js's Timer F: 64 * T1 = 32 s, not configurable per service; this is the suite's one slow test.
      const final = await dut.waitForFinal(call.id, 40_000)
      expect(final).toMatchObject({
        state: 'failed',
        code: 408,
        reason:
          'The phone system did not answer (check the server address and network; a Cisco CME silently drops requests from a PC that is not registered and not in its "ip address trusted list")'
      })
      expect(dut.statesOf(call.id)).toEqual(['requesting', 'failed'])
      const refers = silent.datagrams.filter(isRequest('REFER'))
      // T1 = 500 ms doubling to T2 = 4 s within 32 s: 10 copies; allow for timer slack.
      expect(refers.length).toBeGreaterThanOrEqual(8)
      expect(new Set(refers).size).toBe(1)
    }
  )
})
