/**
 * Contacts from a CSV file through a column mapping: Outlook's or Google's export found from the
 * header, a preset named, or a mapping of the user's own (JSON, see `parseColumnMapping`).
 */
import { z } from 'zod'
import { CONTACT_NUMBER_LABELS, type ContactNumberLabel } from '../../shared/contact'
import {
  columnKey,
  detectPreset,
  MAPPED_TEXT_FIELDS,
  MAPPING_PRESET_NAMES,
  MAPPING_PRESETS,
  mappedColumns,
  type ColumnMapping,
  type CsvColumns,
  type MappedTextField,
  type MappingPresetName,
  type SkippedEntry
} from '../../shared/contact-files'
import type { SlicedWork } from '../settings/work-in-slices'
import { checkEntry, labelFromWords, type ContactEntry, type FileNumber } from './contact-entry'
import { csvTableInSlices } from './csv-table'

/** Google joins several values of one field in a cell with " ::: ". */
const VALUE_SEPARATOR = /\s+:::\s+/

const columns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)])
const mappingSchema = z.strictObject({
  ...Object.fromEntries([...MAPPED_TEXT_FIELDS, ...CONTACT_NUMBER_LABELS].map((field) => [field, columns.optional()])),
  phones: z.array(z.strictObject({ type: z.string().min(1), value: z.string().min(1) })).optional()
})

/** Whether a value (from the window) is a column mapping of the shape `ColumnMapping` describes. */
export function isColumnMapping(value: unknown): value is ColumnMapping {
  return mappingSchema.safeParse(value).success
}

export const MAPPING_FIELDS_HELP = [...MAPPED_TEXT_FIELDS, ...CONTACT_NUMBER_LABELS, 'phones'].join(', ')

/** A mapping as the CLI's `--mapping` gives it: a preset's name or a JSON object; throws a sentence when it is neither. */
export function parseColumnMapping(text: string): { preset: MappingPresetName } | { mapping: ColumnMapping } {
  if ((MAPPING_PRESET_NAMES as readonly string[]).includes(text)) return { preset: text as MappingPresetName }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error(
      `The mapping must be ${MAPPING_PRESET_NAMES.join(' or ')} or a JSON object such as {"name":"Full name","work":"Tel"}.`
    )
  }
  const checked = mappingSchema.safeParse(parsed)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : ''
    throw new Error(
      `The mapping cannot be used${where}: ${issue?.message ?? 'it does not fit'}. Its keys are ${MAPPING_FIELDS_HELP}; each names a column (or a list of columns), "phones" a list of {"type": column, "value": column}.`
    )
  }
  return { mapping: checked.data as ColumnMapping }
}

/** The mapping's columns as indexes into the header; columns the header lacks are left out. */
interface ResolvedMapping {
  text: Map<MappedTextField, number[]>
  numbers: { label: ContactNumberLabel; column: number }[]
  phones: { type: number; value: number }[]
}

function resolveMapping(mapping: ColumnMapping, header: string[]): ResolvedMapping {
  const index = new Map<string, number>()
  header.forEach((column, position) => {
    if (!index.has(columnKey(column))) index.set(columnKey(column), position)
  })
  const find = (value: string | string[] | undefined): number[] =>
    (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap((column) => {
      const found = index.get(columnKey(column))
      return found === undefined ? [] : [found]
    })
  return {
    text: new Map(MAPPED_TEXT_FIELDS.map((field) => [field, find(mapping[field])])),
    numbers: CONTACT_NUMBER_LABELS.flatMap((label) => find(mapping[label]).map((column) => ({ label, column }))),
    phones: (mapping.phones ?? []).flatMap((pair) => {
      const [type] = find(pair.type)
      const [value] = find(pair.value)
      return type === undefined || value === undefined ? [] : [{ type, value }]
    })
  }
}

/** The columns a user's own mapping names that the file lacks; presets name columns of many exports and are exempt. */
function missingColumns(mapping: ColumnMapping, header: string[]): string[] {
  const present = new Set(header.map(columnKey))
  return mappedColumns(mapping).filter((column) => !present.has(columnKey(column)))
}

export interface CsvReading {
  entries: ContactEntry[]
  skipped: SkippedEntry[]
  csv: CsvColumns
}

export type CsvMappingChoice = { preset: MappingPresetName } | { mapping: ColumnMapping } | undefined

export type CsvContacts = { ok: true; reading: CsvReading } | { ok: false; error: string; csv: CsvColumns }

/**
 * Contacts from CSV text, yielding after each record read and each entry checked. Without a
 * mapping the preset is found from the header; when none fits, or the mapping gives no name or no
 * number column, the answer is a sentence saying what to map.
 */
export function* csvContactsInSlices(text: string, choice: CsvMappingChoice): SlicedWork<CsvContacts> {
  const table = yield* csvTableInSlices(text)
  const detected = detectPreset(table.header)
  const preset = choice && 'preset' in choice ? choice.preset : choice ? undefined : detected
  const mapping = choice && 'mapping' in choice ? choice.mapping : preset ? MAPPING_PRESETS[preset] : {}
  const csv: CsvColumns = { columns: table.header, mapping, ...(preset ? { preset } : {}) }
  const missing = choice && 'mapping' in choice ? missingColumns(mapping, table.header) : []
  if (missing.length > 0) {
    return {
      ok: false,
      error: `The mapping names columns this file does not have: ${missing.map((column) => `"${column}"`).join(', ')}. Its columns are ${table.header.map((column) => `"${column}"`).join(', ')}.`,
      csv
    }
  }
  const resolved = resolveMapping(mapping, table.header)
  const hasName = [...resolved.text].some(([field, found]) => field !== 'company' && field !== 'email' && found.length)
  const hasNumber = resolved.numbers.length > 0 || resolved.phones.length > 0
  if (!hasName || !hasNumber) {
    const lacking = !hasName && !hasNumber ? 'the name and the numbers' : !hasName ? 'the name' : 'the numbers'
    return {
      ok: false,
      error: `Choose the columns that hold ${lacking}: DeskDial did not recognise this file's header as Outlook's or Google's export.`,
      csv
    }
  }
  const entries: ContactEntry[] = []
  const skipped = [...table.skipped]
  for (const record of table.records) {
    if (record.fields.length > table.header.length) {
      skipped.push({
        line: record.line,
        reason: `It has ${record.fields.length} fields but the header has ${table.header.length}: check for a separator or quote out of place.`
      })
      continue
    }
    const cell = (column: number) => record.fields[column]?.trim() ?? ''
    const first = (field: MappedTextField) =>
      (resolved.text.get(field) ?? [])
        .map(cell)
        .find((value) => value !== '')
        ?.split(VALUE_SEPARATOR)[0]
    const numbers: FileNumber[] = [
      ...resolved.numbers.flatMap(({ label, column }) =>
        splitValues(cell(column)).map((number) => ({ label, number }))
      ),
      ...resolved.phones.flatMap(({ type, value }) =>
        splitValues(cell(value)).map((number) => ({ label: labelFromWords([cell(type)]), number }))
      )
    ]
    const parts = [first('firstName'), first('middleName'), first('lastName')].filter(Boolean).join(' ')
    const outcome = checkEntry({
      line: record.line,
      name: first('name') || parts || first('company'),
      company: first('company'),
      department: first('department'),
      title: first('title'),
      email: first('email'),
      numbers
    })
    if (outcome.ok) entries.push(outcome.entry)
    else skipped.push(outcome.skipped)
    yield
  }
  skipped.sort((a, b) => a.line - b.line)
  return { ok: true, reading: { entries, skipped, csv } }
}

function splitValues(cell: string): string[] {
  return cell === '' ? [] : cell.split(VALUE_SEPARATOR).filter((value) => value.trim() !== '')
}
