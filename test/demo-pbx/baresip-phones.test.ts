/**
 * Two real SIP phones (baresip) registered to the demo phone system: DeskDial dials, the desk
 * phone answers, the target rings and answers, and the audio really flows between the two phones,
 * as baresip itself reports it. Hanging up one phone ends the other's call. Meanwhile the built
 * CLI's `deskdial watch 1002 --json` (out/cli, made by `npm run build`) sees the real target phone
 * ring with the desk phone as caller, talk, and go idle, through the demo phone system's presence server.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { startDemoPhoneSystem, type DemoPhoneSystem } from '../../src/demo-pbx'
import { requireTool } from '../sip/support/require-tool'
import { createService, TEST_ACCOUNT, useCleanup } from '../sip/support/service-harness'
import { startBaresip, type BaresipPhone } from './support/baresip'

const TARGET = '1002'
const CLI = path.resolve(__dirname, '../../out/cli/deskdial.cjs')

/** `deskdial watch <number> --json` from the built CLI; `lines()` are its line events so far, compacted. */
function watchLine(number: string, port: number, transport: 'udp' | 'tcp'): { lines(): string[]; stop(): void } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  const args = ['watch', number, '--server', `127.0.0.1:${port}`, '--transport', transport, '--user', TEST_ACCOUNT.user]
  args.push('--auth-user', TEST_ACCOUNT.authUser)
  const child = spawn(process.execPath, [CLI, ...args, '--json', '--duration', '60'], {
    env: { PATH: process.env.PATH, DESKDIAL_PASSWORD: TEST_ACCOUNT.password },
    stdio: ['ignore', 'pipe', 'ignore']
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const lines = (): string[] =>
    output
      .split('\n')
      .filter((line) => line.includes('"event":"line"'))
      .map((line) => JSON.parse(line) as { state: string; remote?: string })
      .map((event) => [event.state, event.remote].filter(Boolean).join(' '))
  return { lines, stop: () => child.kill('SIGKILL') }
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const started = Date.now(); !check(); await new Promise((resolve) => setTimeout(resolve, 50)))
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`)
}

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
      const watch = track(watchLine(TARGET, pbx.port, transport), async (watcher) => watcher.stop())
      await until(() => watch.lines().length > 0, `deskdial watch ${TARGET} to see the line`, 20_000)

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
      await until(() => watch.lines().length >= 4, `the watched line to go idle: ${watch.lines().join(', ')}`)
      expect(watch.lines()).toEqual(['idle', `ringing ${TEST_ACCOUNT.line}`, `in-call ${TEST_ACCOUNT.line}`, 'idle'])
    })
  }
})
