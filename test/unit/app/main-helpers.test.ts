import { describe, expect, it } from 'vitest'
import { linksInArgv } from '../../../src/main/app/links-in-argv'
import { quittingTooltip, trayPresentation } from '../../../src/main/app/tray-presentation'
import { DEFAULT_ACCOUNT_SETTINGS } from '../../../src/shared/account-settings'
import type { CallProgress } from '../../../src/shared/call-progress'
import type { RegistrationStatus } from '../../../src/shared/registration-status'

describe('links in a command line', () => {
  it('keeps tel:, sip:, sips: and callto: arguments and nothing else', () => {
    expect(
      linksInArgv([
        'C:\\DeskDial\\DeskDial.exe',
        '--allow-file-access-from-files',
        'TEL:+1-212-555-0100',
        'https://evil.example',
        'sip:200@pbx',
        'callto:+44',
        'sips:1@x'
      ])
    ).toEqual(['TEL:+1-212-555-0100', 'sip:200@pbx', 'callto:+44', 'sips:1@x'])
    expect(linksInArgv(['tel:+1'])).toEqual([])
  })
})

describe('tray presentation', () => {
  const account = { ...DEFAULT_ACCOUNT_SETTINGS, servers: ['pbx.example.com'], user: '201', line: '200' }
  const status = (state: RegistrationStatus['state'], reason = 'x'): RegistrationStatus => ({ state, reason, at: 0 })
  const call = (state: CallProgress['state']): CallProgress => ({
    id: '1',
    target: '0201 5550123',
    state,
    reason: '',
    at: 0
  })

  it.each([
    [status('registered'), [], 'registered', 'DeskDial (201@pbx.example.com): ready'],
    [status('disabled'), [], 'registered', 'DeskDial (201@pbx.example.com): ready (registration off)'],
    [status('registering'), [], 'connecting', 'DeskDial (201@pbx.example.com): connecting…'],
    [status('retrying'), [], 'connecting', 'DeskDial (201@pbx.example.com): reconnecting…'],
    [
      status('failed', 'The password was refused (403).'),
      [],
      'failed',
      'DeskDial (201@pbx.example.com): not connected – The password was refused (403).'
    ],
    [status('unregistered'), [], 'idle', 'DeskDial (201@pbx.example.com): not connected'],
    [status('registered'), [call('ringing')], 'call', 'DeskDial (201@pbx.example.com): calling 0201 5550123'],
    [status('registered'), [call('connected')], 'registered', 'DeskDial (201@pbx.example.com): ready']
  ])('%j with calls %j', (registration, calls, icon, tooltip) => {
    expect(trayPresentation(account, registration, calls)).toEqual({ icon, tooltip })
  })

  it('names the demo phone system, not its made-up account, while the demo is the account', () => {
    const demoAccount = { ...DEFAULT_ACCOUNT_SETTINGS, servers: ['127.0.0.1:50600'], user: 'deskdial', line: '1001' }
    expect(trayPresentation(demoAccount, status('registered'), [], true)).toEqual({
      icon: 'registered',
      tooltip: 'DeskDial (demo phone system): ready'
    })
    expect(trayPresentation(demoAccount, status('registered'), [call('ringing')], true).tooltip).toBe(
      'DeskDial (demo phone system): calling 0201 5550123'
    )
  })

  it('shows "on the phone" while the desk phone is in a call, and not while it only rings', () => {
    const account = { ...DEFAULT_ACCOUNT_SETTINGS, servers: ['pbx.example.com'], user: '201', line: '200' }
    expect(trayPresentation(account, status('registered'), [], false, { number: '200', state: 'in-call' })).toEqual({
      icon: 'call',
      tooltip: 'DeskDial (201@pbx.example.com): on the phone'
    })
    expect(trayPresentation(account, status('registered'), [], false, { number: '200', state: 'ringing' }).icon).toBe(
      'registered'
    )
  })

  it('while quitting, says it finishes a call that just ended, or signs out', () => {
    const ended = { ...call('connected'), at: 10_000 }
    expect(quittingTooltip([ended], 12_000, 4_000)).toBe(
      'DeskDial is quitting: finishing the last call with the phone system…'
    )
    expect(quittingTooltip([ended], 14_000, 4_000)).toBe('DeskDial is quitting: signing out of the phone system…')
    expect(quittingTooltip([{ ...call('ringing'), at: 13_000 }], 14_000, 4_000)).toBe(
      'DeskDial is quitting: signing out of the phone system…'
    )
  })
})
