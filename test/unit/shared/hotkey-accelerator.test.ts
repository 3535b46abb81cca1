import { describe, expect, it } from 'vitest'
import { hotkeyProblem } from '../../../src/shared/hotkey-accelerator'

const ACCEPTED = [
  'CommandOrControl+Alt+D',
  'CmdOrCtrl+Alt+D',
  'commandorcontrol+alt+d',
  'CommandOrControl+Shift+K',
  'Ctrl+Shift+D',
  'Ctrl+Alt+Shift+D',
  'Super+Alt+D',
  'Ctrl+Super+C',
  'Alt+F9',
  'Ctrl+F5',
  'CommandOrControl+Alt+Space',
  'Ctrl+Shift+F12',
  'F13',
  'F24',
  'Shift+F20',
  'Ctrl+Alt+VolumeUp',
  'CommandOrControl+Alt+num5'
]

/** Combinations that take keys people type, edit or move with, and the words that say why. */
const STEALING: ReadonlyArray<[accelerator: string, reason: RegExp]> = [
  ['Ctrl+C', /is a Ctrl shortcut that applications use \(copy, paste/],
  ['Ctrl+V', /Ctrl shortcut/],
  ['Ctrl+X', /Ctrl shortcut/],
  ['Ctrl+Z', /Ctrl shortcut/],
  ['Ctrl+Y', /Ctrl shortcut/],
  ['Ctrl+A', /Ctrl shortcut/],
  ['Ctrl+S', /Ctrl shortcut/],
  ['control+c', /Ctrl shortcut/],
  ['Ctrl+1', /Ctrl shortcut/],
  ['Ctrl+Plus', /Ctrl shortcut/],
  ['Ctrl+-', /Ctrl shortcut/],
  ['Ctrl+Left', /Ctrl shortcut/],
  ['Ctrl+Backspace', /Ctrl shortcut/],
  ['Ctrl+Tab', /Ctrl shortcut/],
  ['Ctrl+F4', /Ctrl shortcut/],
  ['CommandOrControl+C', /Ctrl shortcut/],
  ['CmdOrCtrl+V', /Ctrl shortcut/],
  ['Command+C', /is a Cmd shortcut/],
  ['Cmd+Z', /Cmd shortcut/],
  ['Super+C', /Cmd shortcut/],
  ['Meta+V', /Cmd shortcut/],
  ['CommandOrControl+Ctrl+V', /Ctrl shortcut/],
  ['Ctrl+Shift+Z', /is a Ctrl\+Shift shortcut that applications use \(redo/],
  ['CommandOrControl+Shift+V', /Ctrl\+Shift shortcut/],
  ['Ctrl+Shift+Right', /Ctrl\+Shift shortcut/],
  ['Ctrl+Shift+T', /Ctrl\+Shift shortcut/],
  ['Cmd+Shift+Z', /Cmd\+Shift shortcut/],
  ['Shift+A', /has only Shift as modifier/],
  ['Shift+1', /has only Shift as modifier/],
  ['Shift+Left', /has only Shift as modifier/],
  ['Shift+F10', /has only Shift as modifier/],
  ['D', /has no modifier/],
  ['a', /has no modifier/],
  ['Space', /has no modifier/],
  ['F5', /has no modifier/],
  ['Escape', /has no modifier/],
  ['VolumeUp', /has no modifier/],
  ['Alt+D', /types a character with Option on macOS and opens menus elsewhere/],
  ['Option+E', /Option on macOS/],
  ['Alt+Shift+4', /Option on macOS/],
  ['Alt+Tab', /switches or closes windows/],
  ['Alt+F4', /switches or closes windows/],
  ['Alt+Left', /switches or closes windows/],
  ['AltGr+Q', /types a character with AltGr/],
  ['AltGr+Shift+7', /AltGr/],
  ['Ctrl+Alt+Q', /where Ctrl\+Alt is AltGr/],
  ['CommandOrControl+Alt+E', /Ctrl\+Alt is AltGr/],
  ['Ctrl+Alt+7', /Ctrl\+Alt is AltGr/],
  ['Ctrl+Alt+Shift+[', /Ctrl\+Alt is AltGr/]
]

const MALFORMED: ReadonlyArray<[accelerator: string, reason: RegExp]> = [
  ['', /it is empty/],
  ['Ctrl + C', /it contains spaces/],
  ['Ctrl++', /empty part between two \+ signs \(write the \+ key as Plus\)/],
  ['+D', /empty part/],
  ['Ctrl+Alt+', /empty part/],
  ['Ctrl+Alt', /modifiers but no key/],
  ['Ctrl+Alt+Foo', /“Foo” is neither a modifier .* nor a key Electron knows/],
  ['Hyper+Alt+D', /“Hyper” is neither a modifier/],
  ['Ctrl+F25', /“F25” is neither/],
  ['Ctrl+Alt+D+E', /names two keys, D and E/],
  ['D+Ctrl+Alt', /the key D must come last/],
  ['Ctrl+Ctrl+Alt+D', /names Ctrl twice/],
  ['Ctrl+Control+Alt+D', /names Control twice/]
]

describe('hotkeyProblem', () => {
  it.each(ACCEPTED)('accepts %s', (accelerator) => {
    expect(hotkeyProblem(accelerator)).toBeUndefined()
  })

  it.each(STEALING)('refuses %s, which takes keys from other applications', (accelerator, reason) => {
    const problem = hotkeyProblem(accelerator)
    expect(problem).toMatch(reason)
    expect(problem).toMatch(
      new RegExp(
        `^The hotkey ${accelerator.replace(/[+[]/g, '\\$&')} .+, so DeskDial would take it away from every other application\\. Choose another, e\\.g\\. CommandOrControl\\+Alt\\+D, or leave it empty for none\\.$`
      )
    )
  })

  it.each(MALFORMED)('refuses the malformed %j', (accelerator, reason) => {
    const problem = hotkeyProblem(accelerator)
    expect(problem).toMatch(reason)
    expect(problem).toMatch(/Write modifiers and one key joined by \+, e\.g\. CommandOrControl\+Alt\+D/)
  })

  it('does not repeat characters that are in no key name', () => {
    const problem = hotkeyProblem('Ctrl+Alt+\u202Ed')
    expect(problem).toBe(
      'This hotkey contains characters that are in no key name. Write modifiers and one key joined by +, e.g. CommandOrControl+Alt+D.'
    )
    expect(hotkeyProblem('Ctrl+Alt+\nD')).toBe(problem)
  })

  it('refuses a text longer than 100 characters without reading it', () => {
    expect(hotkeyProblem(`Ctrl+Alt+${'Shift+'.repeat(20)}D`)).toBe(
      'This hotkey is longer than 100 characters. Write modifiers and one key joined by +, e.g. CommandOrControl+Alt+D.'
    )
  })
})
