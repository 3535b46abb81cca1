/**
 * Hostile sequences of links through the real backend and the real SIP service, counting the
 * REFERs that actually reach a phone system on loopback: trusted links dial only ordinary numbers
 * of the user's country, at most one in the configured window and none during a call; a burst
 * makes one question; links that come before the app is ready follow the same rules.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DeskAppBackend } from '../../src/main/backend/desk-app-backend'
import { createFileBackedBackend } from '../../src/main/backend/file-backed-backend'
import { DeskDialService } from '../../src/main/service/deskdial-service'
import { defaultAppSettings } from '../../src/main/settings/app-settings-defaults'
import type { PendingLink } from '../../src/shared/ipc-contract'
import { startReferCountingPeer, type ReferCountingPeer } from './support/refer-counting-peer'

const KEPT_CALL = '2015550199'

let directory: string
let peer: ReferCountingPeer
let clock: number
let backends: DeskAppBackend[]
let pendingEvents: PendingLink[]

function openBackend(): DeskAppBackend {
  const backend = createFileBackedBackend({
    directory,
    country: 'US',
    version: '0.0.0-test',
    createService: (options) => new DeskDialService(options),
    emit: (event, payload) => {
      if (event === 'pendingLink') pendingEvents.push(payload as PendingLink)
    },
    now: () => clock,
    stopTimeoutMs: 200
  })
  backends.push(backend)
  return backend
}

async function trustingDesk(trusted = true): Promise<DeskAppBackend> {
  const backend = openBackend()
  await backend.start()
  const settings = defaultAppSettings('US')
  settings.account = {
    ...settings.account,
    servers: [`127.0.0.1:${peer.port}`],
    user: 'deskdial',
    line: '1001',
    register: false
  }
  settings.trustLinksWithoutConfirmation = trusted
  const saved = await backend.saveSettings({ settings })
  if (!saved.ok) throw new Error(saved.error)
  await until(async () => (await backend.getStatus()).registration.state === 'disabled')
  return backend
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 200 && !(await check()); tries++) await new Promise((resolve) => setTimeout(resolve, 25))
}

/** Waits until every call has ended (the peer refuses them at once). */
async function callsEnded(backend: DeskAppBackend): Promise<void> {
  await until(async () =>
    (await backend.getStatus()).calls.every((call) => call.state === 'failed' || call.state === 'connected')
  )
}

/** Waits until the peer has seen `count` REFERs (and a little longer, so that an extra one would show). */
async function refersReceived(count: number): Promise<readonly string[]> {
  await until(async () => peer.referTargets.length >= count)
  await new Promise((resolve) => setTimeout(resolve, 300))
  return peer.referTargets
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'deskdial-links-'))
  peer = await startReferCountingPeer(KEPT_CALL)
  clock = 1_000_000
  backends = []
  pendingEvents = []
})

afterEach(async () => {
  for (const backend of backends) await backend.shutdown()
  await peer.close()
  await rm(directory, { recursive: true, force: true })
})

describe('trusted links', () => {
  it.each([
    ['an ordinary national number', 'tel:+1-201-555-0101', 1, undefined],
    ['an internal extension', 'tel:1002', 1, undefined],
    ['an emergency number', 'tel:911', 0, 'it is an emergency or service number'],
    ['a premium-rate number', 'tel:+1-900-555-0123', 0, 'it is a premium-rate number'],
    ['an international number', 'tel:+44-20-7946-0000', 0, 'it is an international or satellite number'],
    ['a satellite number', 'tel:+881-6-12345678', 0, 'it is an international or satellite number']
  ])('%s: %s reaches the phone system %i time(s)', async (_what, link, refers, askedBecause) => {
    const backend = await trustingDesk()
    if (link === 'tel:1002') {
      const settings = { ...backend.settings, dialPlan: { ...backend.settings.dialPlan, internalExtensionLength: 4 } }
      expect(await backend.saveSettings({ settings })).toMatchObject({ ok: true })
    }
    const outcome = await backend.handleLink(link)
    expect(await refersReceived(refers)).toHaveLength(refers)
    if (askedBecause === undefined) expect(outcome.kind).toBe('dialled')
    else expect(outcome).toMatchObject({ kind: 'pending', link: { askedBecause } })
  })

  it('dials at most one link in the window without asking, and the next one after it', async () => {
    const backend = await trustingDesk()
    expect((await backend.handleLink('tel:+1-201-555-0101')).kind).toBe('dialled')
    await callsEnded(backend)
    clock += 10_000
    const second = await backend.handleLink('tel:+1-201-555-0102')
    expect(second).toMatchObject({
      kind: 'pending',
      link: { askedBecause: 'a link was dialled without asking less than 30 s ago' }
    })
    if (second.kind === 'pending') await backend.rejectLink(second.link.id)
    clock += 21_000
    expect((await backend.handleLink('tel:+1-201-555-0103')).kind).toBe('dialled')
    expect(await refersReceived(2)).toEqual(['<sip:12015550101@127.0.0.1>', '<sip:12015550103@127.0.0.1>'])
  })

  it('asks while a call is in progress', async () => {
    const backend = await trustingDesk()
    expect((await backend.handleLink(`tel:+1-${KEPT_CALL}`)).kind).toBe('dialled')
    await refersReceived(1)
    clock += 60_000
    expect(await backend.handleLink('tel:+1-201-555-0102')).toMatchObject({
      kind: 'pending',
      link: { askedBecause: 'a call is in progress' }
    })
    expect(await refersReceived(1)).toHaveLength(1)
  })
})

describe('links with a phone-context', () => {
  it('refuses one that belongs to another phone system, and dials none', async () => {
    const backend = await trustingDesk()
    expect(await backend.handleLink('tel:7042;phone-context=pbx.elsewhere.example')).toMatchObject({ kind: 'refused' })
    expect(await refersReceived(0)).toEqual([])
  })
})

describe('a burst of links', () => {
  it.each([true, false])('makes one question and no call (trusted: %s)', async (trusted) => {
    const backend = await trustingDesk(trusted)
    const burst = Array.from({ length: 100 }, (_, index) => `tel:+1-900-555-${String(index).padStart(4, '0')}`)
    const outcomes = await Promise.all(burst.map((link) => backend.handleLink(link)))
    expect(outcomes.filter((outcome) => outcome.kind === 'pending')).toHaveLength(1)
    expect(outcomes.filter((outcome) => outcome.kind === 'blocked')).toHaveLength(99)
    const status = await backend.getStatus()
    expect(status.pendingLinks).toHaveLength(1)
    expect(status.pendingLinks[0]).toMatchObject({ raw: burst[0], blockedLinks: 99 })
    expect(await refersReceived(0)).toEqual([])
  })

  it('confirming the question dials exactly the number it showed, once', async () => {
    const backend = await trustingDesk(false)
    const first = await backend.handleLink('tel:+1-201-555-0101')
    await backend.handleLink('tel:+1-201-555-0102')
    if (first.kind !== 'pending' || !first.link.preview.ok) throw new Error('expected a question')
    expect(await backend.confirmLink(first.link.id)).toMatchObject({
      ok: true,
      dialString: first.link.preview.dialString
    })
    expect(await backend.confirmLink(first.link.id)).toMatchObject({ ok: false })
    expect(await refersReceived(1)).toEqual([`<sip:${first.link.preview.dialString}@127.0.0.1>`])
  })
})

describe('links that come before the app is ready', () => {
  it('wait for the settings and follow the same rules', async () => {
    const configured = await trustingDesk()
    await configured.shutdown()
    backends = []
    const backend = openBackend()
    const early = [
      backend.handleLink('tel:+1-201-555-0101'),
      backend.handleLink('tel:+1-201-555-0102'),
      backend.handleLink('tel:911')
    ]
    await backend.start()
    await until(async () => (await backend.getStatus()).registration.state === 'disabled')
    const outcomes = await Promise.all(early)
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['dialled', 'pending', 'blocked'])
    expect(await refersReceived(1)).toEqual(['<sip:12015550101@127.0.0.1>'])
  })
})
