import { describe, expect, it } from 'vitest'
import { checkCommandArguments } from '../../../src/main/backend/command-arguments'
import { linksInArgv } from '../../../src/main/backend/links-in-argv'
import { trayPresentation } from '../../../src/main/backend/tray-presentation'
import { DEFAULT_ACCOUNT_SETTINGS } from '../../../src/shared/account-settings'
import type { CallProgress } from '../../../src/shared/call-progress'
import type { RegistrationStatus } from '../../../src/shared/registration-status'

describe('links in a command line', () => {
  it('keeps tel:, sip:, sips: and callto: arguments and nothing else', () => {
    expect(linksInArgv(['C:\\DeskDial\\DeskDial.exe', '--allow-file-access-from-files', 'TEL:+1-212-555-0100', 'https://evil.example', 'sip:200@pbx', 'callto:+44', 'sips:1@x'])).toEqual(['TEL:+1-212-555-0100', 'sip:200@pbx', 'callto:+44', 'sips:1@x'])
    expect(linksInArgv(['tel:+1'])).toEqual([])
  })
})

describe('command arguments from the renderer', () => {
  it.each([
    ['getStatus', []],
    ['previewDial', ['0201 555']],
    ['dial', [{ target: '200' }]],
    ['dial', [{ target: '200', contactId: undefined }]],
    ['dial', [{ target: '200', contactId: 'c1' }]],
    ['saveContact', [{ name: 'A', numbers: [] }]],
    ['saveSettings', [{ settings: {} }]],
    ['testConnection', [{ settings: {}, password: 'pw' }]]
  ])('accepts %s %j', (name, args) => {
    expect(checkCommandArguments(name, args)).toEqual({ ok: true })
  })

  it.each([
    ['getStatus', ['extra'], "DeskDial's getStatus takes 0 argument(s), not 1. Reload the window and try again."],
    ['previewDial', [42], "DeskDial's previewDial expected text of at most 1000 characters as argument 1. Reload the window and try again."],
    ['dial', [{ target: '200', callerId: 'x' }], 'DeskDial\'s dial expected no "callerId" as argument 1. Reload the window and try again.'],
    ['dial', [null], "DeskDial's dial expected an object as argument 1. Reload the window and try again."],
    ['saveSettings', [{ settings: 'all' }], 'DeskDial\'s saveSettings expected "settings" as an object as argument 1. Reload the window and try again.'],
    ['deleteContact', ['x'.repeat(201)], "DeskDial's deleteContact expected text of at most 200 characters as argument 1. Reload the window and try again."],
    ['openExternal', ['https://x'], 'DeskDial has no command "openExternal".']
  ])('refuses %s %j', (name, args, error) => {
    expect(checkCommandArguments(name, args)).toEqual({ ok: false, error })
  })
})

describe('tray presentation', () => {
  const account = { ...DEFAULT_ACCOUNT_SETTINGS, servers: ['pbx.example.com'], user: '201', line: '200' }
  const status = (state: RegistrationStatus['state'], reason = 'x'): RegistrationStatus => ({ state, reason, at: 0 })
  const call = (state: CallProgress['state']): CallProgress => ({ id: '1', target: '0201 5550123', state, reason: '', at: 0 })

  it.each([
    [status('registered'), [], 'registered', 'DeskDial (201@pbx.example.com): ready'],
    [status('disabled'), [], 'registered', 'DeskDial (201@pbx.example.com): ready (registration off)'],
    [status('registering'), [], 'connecting', 'DeskDial (201@pbx.example.com): connecting…'],
    [status('retrying'), [], 'connecting', 'DeskDial (201@pbx.example.com): reconnecting…'],
    [status('failed', 'The password was refused (403).'), [], 'failed', 'DeskDial (201@pbx.example.com): not connected – The password was refused (403).'],
    [status('unregistered'), [], 'idle', 'DeskDial (201@pbx.example.com): not connected'],
    [status('registered'), [call('ringing')], 'call', 'DeskDial (201@pbx.example.com): calling 0201 5550123'],
    [status('registered'), [call('connected')], 'registered', 'DeskDial (201@pbx.example.com): ready']
  ])('%j with calls %j', (registration, calls, icon, tooltip) => {
    expect(trayPresentation(account, registration, calls)).toEqual({ icon, tooltip })
  })
})
