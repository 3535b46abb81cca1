/**
 * `deskdial contacts import <file.vcf|file.csv>` and `deskdial contacts export <file.vcf|file.csv>`:
 * the app's own contacts file (in DESKDIAL_USER_DATA or the app's data folder), read and written
 * without the app. Exit codes: 0 done, 1 the file could not be read or written, 2 bad usage.
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { parseArguments, readSettingsFile, UsageError } from './cli-options'
import type { ContactImportReport } from '../shared/contact-files'
import {
  CONTACT_FILE_ENCODINGS,
  exportContacts,
  formatOfFileName,
  importContacts,
  MAPPING_FIELDS_HELP,
  parseColumnMapping,
  readContactFile,
  type ContactFileEncoding,
  type CsvMappingChoice
} from '../main/contact-files'
import { FileContactStore } from '../main/contacts/contact-store'
import { countryFromLocale, FALLBACK_COUNTRY, supportedCountry } from '../main/settings/app-settings-defaults'
import { settingsFilePath } from '../main/settings/settings-store'
import { isRecord } from '../shared/is-record'
import { userDataDirectory } from '../main/settings/user-data-directory'

export const CONTACTS_USAGE = `Usage:
  deskdial contacts import <file.vcf|file.csv> [--mapping outlook|google|<json>] [--encoding <name>]
                          [--config <settings.json>] [--dry-run] [--json]
  deskdial contacts export <file.vcf|file.csv> [--json]

import reads vCard 2.1, 3.0 and 4.0, and CSV with a header row (comma or semicolon separated; UTF-8,
UTF-16 with BOM, Windows-1252 or Windows-1250, found from the bytes). Each contact imported and each
entry skipped is printed with its line. A contact whose name is already in your contacts is a duplicate when it brings no new number;
its new numbers are added to that contact otherwise. Numbers are compared as dialled from your dial
plan's country ("+1 201 555 0123" and "(201) 555-0123" are one number in the US). Fax numbers are
left out.
  --mapping outlook       Outlook's CSV export, English or German columns
  --mapping google        Google Contacts' CSV export
  --mapping '<json>'      your own: which column fills which field, e.g.
                          '{"name":"Full name","work":["Tel","Tel 2"],"mobile":"Handy","company":"Firm"}'
                          Fields: ${MAPPING_FIELDS_HELP}.
                          A field may name a list of columns: a text field takes the first that is
                          not empty, a number field takes them all. "phones" pairs a number column
                          with the column saying its kind: [{"type":"Phone 1 - Type","value":"Phone 1 - Value"}].
                          Without --mapping the preset is found from the header.
  --encoding utf-8|windows-1252|windows-1250
                          the file's encoding, when DeskDial's guess from its bytes is wrong
  --config FILE.json      settings file whose dial plan country compares the numbers (default: the
                          app's settings, else the country of your locale)
  --dry-run               show what would be imported; change nothing
  --json                  one JSON object per line

export writes all contacts as vCard 3.0 (.vcf, what Outlook, Google and Apple import) or as CSV
with Google Contacts' columns (.csv).

The contacts are those of DESKDIAL_USER_DATA, else the app's data folder. Quit DeskDial before
importing: the running app keeps its own copy and would overwrite the import.`

const EXIT = { done: 0, unreadable: 1, usage: 2 } as const

export interface ContactsIo {
  write(line: string): void
  writeError(line: string): void
}

interface ContactsCommand {
  action: 'import' | 'export'
  file: string
  mapping: CsvMappingChoice
  encoding?: ContactFileEncoding
  config?: string
  dryRun: boolean
  json: boolean
}

function parseContactsCommand(argv: string[]): ContactsCommand | 'help' {
  const parsed = parseArguments(argv, {
    mapping: { type: 'string' },
    encoding: { type: 'string' },
    config: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' }
  })
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return 'help'
  const [action, file, ...rest] = positionals
  if (action !== 'import' && action !== 'export')
    throw new UsageError(
      `Unknown contacts command "${action}": use "contacts import <file>" or "contacts export <file>".`
    )
  if (file === undefined || rest.length > 0)
    throw new UsageError(`Give exactly one file, e.g. deskdial contacts ${action} contacts.vcf`)
  const importOnly = [values.mapping, values.encoding, values.config, values['dry-run']]
  if (action === 'export' && importOnly.some((value) => value !== undefined))
    throw new UsageError('--mapping, --encoding, --config and --dry-run are for import only.')
  const encoding = values.encoding?.toLowerCase()
  if (encoding !== undefined && !(CONTACT_FILE_ENCODINGS as readonly string[]).includes(encoding))
    throw new UsageError(`--encoding must be ${CONTACT_FILE_ENCODINGS.join(', ')}, not "${values.encoding}".`)
  if (action === 'export' && formatOfFileName(file) === undefined)
    throw new UsageError(`Name the file .vcf or .csv: the extension chooses the format ("${file}").`)
  let mapping: CsvMappingChoice
  try {
    mapping = values.mapping === undefined ? undefined : parseColumnMapping(values.mapping)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  return {
    action,
    file,
    mapping,
    ...(encoding ? { encoding: encoding as ContactFileEncoding } : {}),
    ...(values.config !== undefined ? { config: values.config } : {}),
    dryRun: values['dry-run'] === true,
    json: values.json === true
  }
}

/**
 * The dial plan's country that numbers are compared in: the --config file's, else the app's
 * settings in the data folder, else the locale's (as the app's first start chooses it), else US.
 */
function dialPlanCountry(config: string | undefined, directory: string, env: NodeJS.ProcessEnv): string {
  const file = config ?? settingsFilePath(directory)
  let settings: Record<string, unknown> = {}
  try {
    if (config !== undefined || existsSync(file)) settings = readSettingsFile(file)
  } catch (error) {
    // The app repairs its own settings file when it starts; only a file the user named must be readable.
    if (config !== undefined) throw error
  }
  const stated = isRecord(settings.dialPlan) ? settings.dialPlan.country : undefined
  const country = typeof stated === 'string' ? supportedCountry(stated) : undefined
  if (country) return country
  if (stated === undefined || config === undefined) return countryFromLocale(env.LC_ALL || env.LANG) ?? FALLBACK_COUNTRY
  throw new UsageError(
    `The dial plan country in ${file} is ${JSON.stringify(stated)}: set it to a country code such as US, DE or GB.`
  )
}

/** One line per contact added or merged, entry skipped or left as duplicate, and note; then the totals. */
function printReport(report: ContactImportReport, json: boolean, io: ContactsIo, contactsFile: string): void {
  const verb = report.written ? 'Imported' : 'Would import'
  const events: [number, object, string][] = [
    ...report.added.map(({ line, ...contact }): [number, object, string] => [
      line,
      { event: 'added', line, contact },
      `${verb} ${contact.name} (line ${line}): ${contact.numbers.map((entry) => `${entry.label} ${entry.number}`).join(', ')}`
    ]),
    ...report.merged.map((merge): [number, object, string] => [
      merge.line,
      { event: 'merged', ...merge },
      `${report.written ? 'Added' : 'Would add'} ${merge.numbers.map((entry) => `${entry.label} ${entry.number}`).join(', ')} to ${merge.name} (line ${merge.line}): a contact of that name exists.`
    ]),
    ...report.duplicates.map((duplicate): [number, object, string] => [
      duplicate.line,
      { event: 'duplicate', ...duplicate },
      `Left out ${duplicate.name} (line ${duplicate.line}): already in your contacts with these numbers.`
    ]),
    ...report.skipped.map((skipped): [number, object, string] => [
      skipped.line,
      { event: 'skipped', ...skipped },
      `Skipped line ${skipped.line}${skipped.name ? ` (${skipped.name})` : ''}: ${skipped.reason}`
    ]),
    ...report.notes.map((note): [number, object, string] => [
      note.line,
      { event: 'note', ...note },
      `Note on ${note.name} (line ${note.line}): ${note.note}`
    ])
  ]
  for (const [, object, sentence] of events.sort((a, b) => a[0] - b[0]))
    io.write(json ? JSON.stringify(object) : sentence)
  const { added, merged, duplicates, skipped } = report.counts
  if (json) {
    io.write(JSON.stringify({ event: 'done', written: report.written, counts: report.counts, contactsFile }))
    return
  }
  const totals = `${added} added, ${merged} merged, ${duplicates} duplicate(s), ${skipped} skipped`
  io.write(report.written ? `Done: ${totals}, in ${contactsFile}.` : `Dry run: ${totals}; nothing was written.`)
}

async function run(command: ContactsCommand, io: ContactsIo, env: NodeJS.ProcessEnv): Promise<number> {
  const error = (message: string, exitCode: number): number => {
    if (command.json) io.write(JSON.stringify({ event: 'error', message, exitCode }))
    else io.writeError(message)
    return exitCode
  }
  const directory = userDataDirectory(env)
  const store = new FileContactStore({ directory, log: (message) => io.writeError(message) })
  const contactsFile = `${directory}/contacts.json`
  if (command.action === 'export') {
    const file = exportContacts(await store.list(), formatOfFileName(command.file) ?? 'vcard')
    try {
      await writeFile(command.file, file.text, 'utf8')
    } catch (cause) {
      return error(`Could not write ${command.file}: ${(cause as Error).message}`, EXIT.unreadable)
    }
    const format = file.mimeType === 'text/vcard' ? 'vCard 3.0' : 'CSV'
    if (command.json) io.write(JSON.stringify({ event: 'exported', count: file.count, file: command.file, format }))
    else io.write(`Exported ${file.count} contact(s) to ${command.file} as ${format}.`)
    return EXIT.done
  }
  let bytes: Uint8Array
  try {
    bytes = await readFile(command.file)
  } catch (cause) {
    return error(`Could not read ${command.file}: ${(cause as Error).message}`, EXIT.unreadable)
  }
  const reading = readContactFile(command.file, bytes, command.mapping, command.encoding)
  if (!reading.ok) {
    const columns = reading.csv ? ` Its columns: ${reading.csv.columns.map((column) => `"${column}"`).join(', ')}.` : ''
    const hint = reading.csv ? ' Give them with --mapping (see deskdial contacts --help).' : ''
    return error(`${reading.error}${columns}${hint}`, reading.csv ? EXIT.usage : EXIT.unreadable)
  }
  let country: string
  try {
    country = dialPlanCountry(command.config, directory, env)
  } catch (cause) {
    return error((cause as Error).message, EXIT.usage)
  }
  let report
  try {
    report = await importContacts(store, reading, { write: !command.dryRun, country })
  } catch (cause) {
    return error(`Could not write your contacts in ${directory}: ${(cause as Error).message}`, EXIT.unreadable)
  }
  if (!report.ok) return error(report.error, EXIT.unreadable)
  printReport(report, command.json, io, contactsFile)
  return EXIT.done
}

/** `deskdial contacts ...`: resolves with the exit code. */
export async function runContacts(argv: string[], io: ContactsIo, env: NodeJS.ProcessEnv): Promise<number> {
  let command: ContactsCommand | 'help'
  try {
    command = parseContactsCommand(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    if (argv.includes('--json'))
      io.write(JSON.stringify({ event: 'error', message: error.message, exitCode: EXIT.usage }))
    else io.writeError(`${error.message}\n\n${CONTACTS_USAGE}`)
    return EXIT.usage
  }
  if (command === 'help') {
    io.write(CONTACTS_USAGE)
    return EXIT.done
  }
  return run(command, io, env)
}
