import { afterEach, describe, expect, it } from 'vitest'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import { canMoveServicePhase, type ServicePhase } from '../../src/main/service/service-phase'
import { DEFAULT_ACCOUNT_SETTINGS } from '../../src/shared/account-settings'
import { startSilentPeer, type SilentPeer } from './support/silent-peer'

let peer: SilentPeer | undefined

afterEach(async () => {
  await peer?.close()
  peer = undefined
})

function serviceFor(port: number): DeskDialService {
  return new DeskDialService({
    account: {
      ...DEFAULT_ACCOUNT_SETTINGS,
      servers: [`127.0.0.1:${port}`],
      user: 'deskdial',
      line: '1001',
      register: true
    }
  })
}

describe('the service phase', () => {
  it('draws every move the service makes, and no move back from stopping', () => {
    const moves: [ServicePhase, ServicePhase][] = [
      ['stopped', 'connecting'],
      ['connecting', 'serving'],
      ['connecting', 'stopped'],
      ['connecting', 'stopping'],
      ['serving', 'moving-back'],
      ['moving-back', 'serving'],
      ['serving', 'stopping'],
      ['moving-back', 'stopping'],
      ['stopping', 'stopped']
    ]
    for (const [from, to] of moves) expect(canMoveServicePhase(from, to), `${from} -> ${to}`).toBe(true)
    expect(canMoveServicePhase('stopping', 'serving')).toBe(false)
    expect(canMoveServicePhase('stopped', 'serving')).toBe(false)
  })

  it('serves once connected and is stopped after stop()', async () => {
    peer = await startSilentPeer()
    const service = serviceFor(peer.port)
    expect(service.phase).toBe('stopped')
    await service.start()
    expect(service.phase).toBe('serving')
    await service.stop()
    expect(service.phase).toBe('stopped')
  })

  it('does not start registering when stopped while still connecting', async () => {
    peer = await startSilentPeer()
    const service = serviceFor(peer.port)
    const started = service.start()
    await service.stop()
    await started
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(service.phase).toBe('stopped')
    expect(peer.datagrams.filter((datagram) => datagram.startsWith('REGISTER '))).toEqual([])
    expect(() => service.dial('1002')).toThrow('DeskDial is not connected to the phone system.')
  })
})
