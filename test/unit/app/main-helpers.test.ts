import { describe, expect, it } from 'vitest'
import { linksInArgv } from '../../../src/main/app/links-in-argv'
import { trayPresentation } from '../../../src/main/app/tray-presentation'
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
})
