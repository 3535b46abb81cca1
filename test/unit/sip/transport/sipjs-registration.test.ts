import dgram from 'node:dgram'
import { once } from 'node:events'
import { Registerer, RegistererState, UserAgent } from 'sip.js'
import { afterEach, describe, expect, it } from 'vitest'
import { NodeSipTransport, type SipTransportOptions } from '../../../../src/main/sip/transport'
import { cleanupStack, sipResponse, VIA_HOST, waitUntil } from './transport-test-kit'

const cleanups = cleanupStack()
afterEach(cleanups.run)

/** A registrar that loses the first REGISTER it gets, then accepts every one, echoing its Contact (sip.js puts expires there). */
async function startLossyRegistrar() {
  const socket = dgram.createSocket('udp4')
  const registers: string[] = []
  socket.on('message', (data, rinfo) => {
    const request = data.toString()
    if (!request.startsWith('REGISTER ')) return
    registers.push(request)
    if (registers.length === 1) return
    const contact = request.split('\r\n').find((line) => line.startsWith('Contact:'))
    const ok = sipResponse(request, 200).replace('Content-Length: 0', `${contact}\r\nContent-Length: 0`)
    socket.send(ok, rinfo.port, rinfo.address)
  })
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  cleanups.defer(() => new Promise<void>((resolve) => socket.close(() => resolve())))
  return { port: socket.address().port, registers }
}

describe('NodeSipTransport under a sip.js UserAgent', () => {
  it(
    'registers over UDP although the first REGISTER is lost, unregisters on stop, and starts again',
    { timeout: 5000 },
    async () => {
      const registrar = await startLossyRegistrar()
      const transportOptions: SipTransportOptions = {
        protocol: 'udp',
        host: '127.0.0.1',
        port: registrar.port,
        viaHost: VIA_HOST,
        retransmitTimers: { t1Ms: 20, t2Ms: 80 }
      }
      const ua = new UserAgent({
        uri: UserAgent.makeURI('sip:deskdial@127.0.0.1'),
        viaHost: VIA_HOST,
        forceRport: true,
        transportConstructor: NodeSipTransport,
        transportOptions,
        logBuiltinEnabled: false,
        logConfiguration: false
      })
      cleanups.defer(() => ua.stop())
      const registerer = new Registerer(ua)

      await ua.start()
      await registerer.register()
      await waitUntil(() => registerer.state === RegistererState.Registered, 3000, 'the registration')

      const branches = registrar.registers.map((r) => /branch=([^;\s]+)/.exec(r)?.[1])
      expect(branches.length).toBeGreaterThanOrEqual(2)
      expect(new Set(branches).size).toBe(1)

      await ua.stop()
      expect(registrar.registers.at(-1)).toMatch(/;expires=0/)
      await ua.start()
      expect(ua.isConnected()).toBe(true)
    }
  )
})
