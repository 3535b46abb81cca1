import { describe, expect, it } from 'vitest'
import { dispatchCommand } from '../../../src/main/backend/command-dispatcher'
import { COMMAND_NAMES, type DeskDialCommands } from '../../../src/shared/ipc-contract'

/** Commands that record what reached them: the dispatcher must pass only well-formed calls. */
function recordingCommands(): { commands: DeskDialCommands; calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = []
  const commands = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      async (...args: unknown[]) => {
        calls.push([name, args])
        return name
      }
    ])
  ) as unknown as DeskDialCommands
  return { commands, calls }
}

describe('commands from the renderer', () => {
  it.each([
    ['getStatus', []],
    ['previewDial', ['0201 555']],
    ['dial', [{ target: '200' }]],
    ['dial', [{ target: '200', contactId: 'c1' }]],
    ['saveContact', [{ name: 'A', numbers: [] }]],
    ['saveSettings', [{ settings: {} }]],
    ['testConnection', [{ settings: {}, password: 'pw' }]],
    ['saveSettings', [{ settings: {}, directoryPassword: 'bind-pw' }]],
    ['testDirectory', [{ url: 'ldaps://ldap.example.com' }]],
    ['testDirectory', [{ url: 'ldaps://ldap.example.com' }, 'bind-pw']],
    ['hideWindow', []]
  ])('passes %s %j to the command', async (name, args) => {
    const { commands, calls } = recordingCommands()
    await expect(dispatchCommand(commands, name, args)).resolves.toBe(name)
    expect(calls).toEqual([[name, args]])
  })

  it.each([
    ['getStatus', ['extra'], "DeskDial's getStatus cannot use its arguments"],
    ['previewDial', [42], "DeskDial's previewDial cannot use argument 1: "],
    ['dial', [{ target: '200', callerId: 'x' }], "DeskDial's dial cannot use argument 1: "],
    ['dial', [null], "DeskDial's dial cannot use argument 1: "],
    ['dial', [{ target: 'x'.repeat(1001) }], "DeskDial's dial cannot use argument 1 (target): "],
    ['saveSettings', [{ settings: 'all' }], "DeskDial's saveSettings cannot use argument 1 (settings): an object."],
    ['deleteContact', ['x'.repeat(201)], "DeskDial's deleteContact cannot use argument 1: "],
    [
      'saveSettings',
      [{ settings: {}, directoryPassword: 7 }],
      "DeskDial's saveSettings cannot use argument 1 (directoryPassword): "
    ],
    ['testDirectory', ['ldaps://ldap.example.com'], "DeskDial's testDirectory cannot use argument 1: an object."],
    ['testDirectory', [{}, 42], "DeskDial's testDirectory cannot use argument 2: "],
    ['testDirectory', [{}, 'pw', 'extra'], "DeskDial's testDirectory cannot use its arguments"],
    ['openExternal', ['https://x'], 'DeskDial has no command "openExternal".'],
    // Names every object has through its prototype are not commands.
    ['constructor', [], 'DeskDial has no command "constructor".'],
    ['toString', [], 'DeskDial has no command "toString".'],
    ['__proto__', [], 'DeskDial has no command "__proto__".']
  ])('refuses %s %j with a sentence, and the command never runs', async (name, args, error) => {
    const { commands, calls } = recordingCommands()
    await expect(dispatchCommand(commands, name, args)).rejects.toThrow(error)
    expect(calls).toEqual([])
  })

  it('refuses an argument whose keys come only from its prototype', async () => {
    const { commands, calls } = recordingCommands()
    const inherited = Object.create({ target: '200' }) as object
    await expect(dispatchCommand(commands, 'dial', [inherited])).rejects.toThrow(
      "DeskDial's dial cannot use argument 1 (target)"
    )
    expect(calls).toEqual([])
  })
})
