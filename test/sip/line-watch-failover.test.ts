import { describe, expect, it } from 'vitest'
import type { SubscriptionStatus } from '../../src/main/line-state'
import { startKamailio } from './support/kamailio'
import { requireTool } from './support/require-tool'
import { createService, useCleanup } from './support/service-harness'
import { Waiters } from './support/waiters'

describe.skipIf(!requireTool('kamailio'))('watched lines when DeskDial moves to another server', () => {
  const track = useCleanup()

  it('subscribes every watched line anew on the backup server once registered there', async () => {
    // The first server grants registrations of 10 s: DeskDial re-registers (and finds it gone) after 5 s.
    const first = track(await startKamailio({ maxExpires: 60, maxRegistrationExpires: 10 }), (server) => server.stop())
    const backup = track(await startKamailio({ maxExpires: 60 }), (server) => server.stop())
    const underTest = createService({
      port: first.port,
      backupPorts: [backup.port],
      transport: 'udp',
      register: true,
      timing: { backoff: { initialMs: 200, maxMs: 1_000 } }
    })
    const { service } = underTest
    track(service, (s) => s.stop())
    const subscriptions: SubscriptionStatus[] = []
    const waiters = new Waiters()
    service.lines.onSubscription((status) => {
      subscriptions.push(status)
      waiters.notify()
    })
    const activeAfter = (from: number, number: string): Promise<SubscriptionStatus> =>
      waiters.waitFor(
        () => subscriptions.slice(from).find((status) => status.number === number && status.state === 'active'),
        15_000,
        () =>
          `No active subscription to ${number} after #${from}: ${JSON.stringify(subscriptions)}\n${underTest.logs.join('\n')}`
      )

    await service.start()
    await underTest.waitForRegistration('registered', 5_000)
    service.lines.watch('1001')
    service.lines.watch('1002')
    await activeAfter(0, '1001')
    await activeAfter(0, '1002')

    // The first server goes away: the registration's refresh moves DeskDial to the backup.
    await first.stop()
    const beforeMove = subscriptions.length
    await activeAfter(beforeMove, '1001')
    await activeAfter(beforeMove, '1002')
    // The first server is gone: only the backup can have made these subscriptions active.
    expect(service.currentServer).toBe(`127.0.0.1:${backup.port}`)
    expect(subscriptions.slice(beforeMove)).toContainEqual(
      expect.objectContaining({
        number: '1001',
        state: 'terminated',
        reason: 'Subscribing again after the connection changed.'
      })
    )
  }, 40_000)
})
