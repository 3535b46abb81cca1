import { COMMAND_NAMES, type DeskDialCommandName } from '../../shared/ipc-contract'

/**
 * Checks the shape of every argument the renderer sends with a command, before the backend sees
 * it. The renderer is ours, but it renders data from outside (contacts, links), so it is not
 * trusted to send only what the types say.
 */
export type ArgumentCheck = { ok: true } | { ok: false; error: string }

const MAX_TEXT = 1000
const MAX_ID = 200

type Rule = (value: unknown) => string | undefined

const text: (max: number) => Rule = (max) => (value) => (typeof value === 'string' && value.length <= max ? undefined : `text of at most ${max} characters`)

function record(keys: Record<string, { rule: Rule; optional?: boolean }>): Rule {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an object'
    for (const key of Object.keys(value)) if (!(key in keys)) return `no "${key}"`
    for (const [key, { rule, optional }] of Object.entries(keys)) {
      const field = (value as Record<string, unknown>)[key]
      if (field === undefined && optional) continue
      const problem = rule(field)
      if (problem) return `"${key}" as ${problem}`
    }
    return undefined
  }
}

const object: Rule = (value) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'an object')

const settingsUpdate = record({ settings: { rule: object }, password: { rule: text(MAX_TEXT), optional: true } })

const RULES: Record<DeskDialCommandName, Rule[]> = {
  getStatus: [],
  previewDial: [text(MAX_TEXT)],
  dial: [record({ target: { rule: text(MAX_TEXT) }, contactId: { rule: text(MAX_ID), optional: true } })],
  dismissCall: [text(MAX_ID)],
  confirmLink: [text(MAX_ID)],
  rejectLink: [text(MAX_ID)],
  listContacts: [],
  saveContact: [object],
  deleteContact: [text(MAX_ID)],
  listHistory: [],
  clearHistory: [],
  getSettings: [],
  saveSettings: [settingsUpdate],
  testConnection: [settingsUpdate],
  clipboardNumber: [],
  hideWindow: []
}

export function checkCommandArguments(name: string, args: readonly unknown[]): ArgumentCheck {
  if (!COMMAND_NAMES.includes(name as DeskDialCommandName)) return { ok: false, error: `DeskDial has no command "${name}".` }
  const rules = RULES[name as DeskDialCommandName]
  if (args.length !== rules.length) return { ok: false, error: `DeskDial's ${name} takes ${rules.length} argument(s), not ${args.length}. Reload the window and try again.` }
  for (const [index, rule] of rules.entries()) {
    const problem = rule(args[index])
    if (problem) return { ok: false, error: `DeskDial's ${name} expected ${problem} as argument ${index + 1}. Reload the window and try again.` }
  }
  return { ok: true }
}
