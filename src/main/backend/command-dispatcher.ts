/**
 * Every command from the renderer passes here, in the app (behind the IPC sender check) and in the
 * end-to-end tests' stand-in for the preload alike: the name must be a command of the contract and
 * the arguments must have its shape before a handler sees them. The renderer is ours, but it
 * renders data from outside (contacts, links), so it is not trusted to send only what the types say.
 */
import { z } from 'zod'
import type { AppSettings } from '../../shared/app-settings'
import type { ContactDraft } from '../../shared/contact'
import { MAX_SEARCH_RESULTS } from '../../shared/directory-search'
import type { DirectorySettings } from '../../shared/directory-settings'
import { CONTACT_FILE_FORMATS, MAX_CONTACT_FILE_BYTES, type ColumnMapping } from '../../shared/contact-files'
import { isColumnMapping } from '../contact-files'
import { isRecord } from '../../shared/is-record'
import { BROWSERS } from '../browser-host/host-manifests'
import { isCommandName, type DeskDialCommandName, type DeskDialCommands } from '../../shared/ipc-contract'

const MAX_TEXT = 1000
const MAX_ID = 200

/** An object of exactly these keys, read from its own properties only (never from its prototype). */
function ownObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(
    (value) => (isRecord(value) ? Object.fromEntries(Object.entries(value)) : value),
    z.strictObject(shape)
  )
}

const text = z.string().max(MAX_TEXT)
const id = z.string().max(MAX_ID)
// The settings and a contact are checked field by field by their own schemas, whose sentences name
// the field to fix; here only their outline.
const settingsUpdate = ownObject({
  settings: z.custom<AppSettings>(isRecord, 'an object'),
  password: text.optional(),
  directoryPassword: text.optional()
})
const directorySettings = z.custom<DirectorySettings>(isRecord, 'an object')
const contactDraft = z.custom<ContactDraft>(isRecord, 'an object')
const favouriteTarget = z.union([ownObject({ contactId: id }), ownObject({ number: text, name: text.optional() })])
// A contacts file in base64: four characters for every three bytes.
const contactFile = ownObject({ name: text, base64: z.string().max(Math.ceil(MAX_CONTACT_FILE_BYTES / 3) * 4) })
const columnMapping = z.custom<ColumnMapping>(isColumnMapping, 'a column mapping')

type ArgumentSchemas = { [K in DeskDialCommandName]: z.ZodType<Parameters<DeskDialCommands[K]>> }

/** The arguments of each command; the compiler checks each tuple against the command's parameters. */
const ARGUMENTS: ArgumentSchemas = {
  getStatus: z.tuple([]),
  previewDial: z.tuple([text]),
  dial: z.tuple([ownObject({ target: text, contactId: id.optional() })]),
  dismissCall: z.tuple([id]),
  confirmLink: z.tuple([id]),
  rejectLink: z.tuple([id]),
  listContacts: z.tuple([]),
  saveContact: z.tuple([contactDraft]),
  deleteContact: z.tuple([id]),
  searchDirectory: z.tuple([text, z.number().int().min(1).max(MAX_SEARCH_RESULTS)]),
  listFavourites: z.tuple([]),
  setFavourite: z.tuple([favouriteTarget, z.boolean()]),
  previewContactImport: z.tuple([contactFile, columnMapping.optional()]),
  importContacts: z.tuple([contactFile, columnMapping.optional()]),
  exportContacts: z.tuple([z.enum(CONTACT_FILE_FORMATS)]),
  listHistory: z.tuple([]),
  clearHistory: z.tuple([]),
  getSettings: z.tuple([]),
  saveSettings: z.tuple([settingsUpdate]),
  testConnection: z.tuple([settingsUpdate]),
  testDirectory: z.tuple([directorySettings, text.optional()]),
  proposeDeskPhone: z.tuple([]),
  startDemo: z.tuple([]),
  leaveDemo: z.tuple([]),
  clipboardNumber: z.tuple([]),
  selectionNumber: z.tuple([]),
  hideWindow: z.tuple([]),
  callLadder: z.tuple([id]),
  diagnosticsReport: z.tuple([id.optional()]),
  browserConnections: z.tuple([]),
  installBrowserConnection: z.tuple([z.enum(BROWSERS)]),
  removeBrowserConnection: z.tuple([z.enum(BROWSERS)]),
  showLines: z.tuple([z.array(z.string().max(MAX_ID)).max(MAX_TEXT)])
}

export type ArgumentCheck<K extends DeskDialCommandName> =
  { ok: true; args: Parameters<DeskDialCommands[K]> } | { ok: false; error: string }

/** The arguments of command `name` in the contract's shape, or a sentence saying what is wrong with them. */
export function checkCommandArguments<K extends DeskDialCommandName>(
  name: K,
  args: readonly unknown[]
): ArgumentCheck<K> {
  const parsed = ARGUMENTS[name].safeParse(args)
  if (parsed.success) return { ok: true, args: parsed.data as Parameters<DeskDialCommands[K]> }
  const issue = parsed.error.issues[0]
  const [index, ...path] = issue?.path ?? []
  const where =
    typeof index === 'number'
      ? `argument ${index + 1}${path.length > 0 ? ` (${path.join('.')})` : ''}`
      : 'its arguments'
  return {
    ok: false,
    error: `DeskDial's ${name} cannot use ${where}: ${issue?.message ?? 'they do not fit'}. Reload the window and try again.`
  }
}

/** Runs command `name` of `commands` after checking the name and the arguments; throws a sentence when either is wrong. */
export function dispatchCommand(commands: DeskDialCommands, name: string, args: readonly unknown[]): Promise<unknown> {
  if (!isCommandName(name)) return Promise.reject(new Error(`DeskDial has no command "${name}".`))
  const checked = checkCommandArguments(name, args)
  if (!checked.ok) return Promise.reject(new Error(checked.error))
  const command = commands[name] as (...values: unknown[]) => Promise<unknown>
  return command.apply(commands, checked.args)
}
