/**
 * Contact files (vCard and CSV) as the window, the CLI and the main process share them: the CSV
 * column mapping with its presets for Outlook's and Google's exports, and the import preview.
 */
import type { Contact, ContactNumber, ContactNumberLabel } from './contact'

export const CONTACT_FILE_FORMATS = ['vcard', 'csv'] as const
export type ContactFileFormat = (typeof CONTACT_FILE_FORMATS)[number]

/** The largest contact file DeskDial reads: far more than 100,000 contacts in vCard. */
export const MAX_CONTACT_FILE_BYTES = 10 * 1024 * 1024

/** The contact's text fields a CSV column can fill; a full `name` wins over the name's parts. */
export const MAPPED_TEXT_FIELDS = [
  'name',
  'firstName',
  'middleName',
  'lastName',
  'company',
  'department',
  'title',
  'email'
] as const
export type MappedTextField = (typeof MAPPED_TEXT_FIELDS)[number]
export type MappedField = MappedTextField | ContactNumberLabel

/**
 * Which CSV columns fill which field, by their header. A text field takes the first of its columns
 * that is not empty; a number field takes every number in all of its columns (a cell may hold several,
 * separated by " ::: " as Google writes them). `phones` pairs a number column with the column that
 * says what kind of number it is ("Mobile", "Work", "Home", "Work Fax", ...), as Google's export has.
 */
export type ColumnMapping = { [F in MappedField]?: string | string[] } & {
  phones?: { type: string; value: string }[]
}

export const MAPPING_PRESET_NAMES = ['outlook', 'google'] as const
export type MappingPresetName = (typeof MAPPING_PRESET_NAMES)[number]

/** Google's numbered columns, old ("Phone 1 - Type") and new ("Phone 1 - Label") exports alike. */
function googlePhones(): { type: string; value: string }[] {
  return Array.from({ length: 9 }, (_, index) => index + 1).flatMap((n) => [
    { type: `Phone ${n} - Type`, value: `Phone ${n} - Value` },
    { type: `Phone ${n} - Label`, value: `Phone ${n} - Value` }
  ])
}

/** Outlook's CSV export in English and in German (Outlook names its columns in the language it runs in), and Google Contacts'. */
export const MAPPING_PRESETS: Record<MappingPresetName, ColumnMapping> = {
  outlook: {
    name: ['Name', 'Full Name'],
    firstName: ['First Name', 'Vorname'],
    middleName: ['Middle Name', 'Weitere Vornamen'],
    lastName: ['Last Name', 'Nachname'],
    company: ['Company', 'Firma'],
    department: ['Department', 'Abteilung'],
    title: ['Job Title', 'Position'],
    email: ['E-mail Address', 'E-Mail-Adresse'],
    work: [
      'Business Phone',
      'Business Phone 2',
      'Company Main Phone',
      'Telefon geschäftlich',
      'Telefon geschäftlich 2',
      'Telefon Firma'
    ],
    mobile: ['Mobile Phone', 'Mobiltelefon', 'Mobiltelefon 2'],
    home: ['Home Phone', 'Home Phone 2', 'Telefon privat', 'Telefon privat 2'],
    other: ['Other Phone', 'Primary Phone', 'Car Phone', 'Weiteres Telefon', 'Haupttelefon', 'Autotelefon']
  },
  google: {
    name: 'Name',
    firstName: ['First Name', 'Given Name'],
    middleName: ['Middle Name', 'Additional Name'],
    lastName: ['Last Name', 'Family Name'],
    company: ['Organization 1 - Name', 'Organization Name'],
    department: ['Organization 1 - Department', 'Organization Department'],
    title: ['Organization 1 - Title', 'Organization Title'],
    email: 'E-mail 1 - Value',
    phones: googlePhones()
  }
}

/** The columns of a mapping, each once: text and number fields, then both columns of each phone pair. */
export function mappedColumns(mapping: ColumnMapping): string[] {
  const columns = [...MAPPED_TEXT_FIELDS, 'work', 'mobile', 'home', 'other'].flatMap((field) => {
    const value = mapping[field as MappedField]
    return value === undefined ? [] : Array.isArray(value) ? value : [value]
  })
  for (const pair of mapping.phones ?? []) columns.push(pair.type, pair.value)
  return [...new Set(columns)]
}

/** A header compared as people see it: without case and surrounding spaces. */
export function columnKey(header: string): string {
  return header.trim().toLowerCase()
}

/** The preset whose columns the header has most of, when it has at least one name and one number column of it. */
export function detectPreset(header: readonly string[]): MappingPresetName | undefined {
  const present = new Set(header.map(columnKey))
  const has = (columns: string | string[] | undefined) =>
    (Array.isArray(columns) ? columns : columns === undefined ? [] : [columns]).filter((column) =>
      present.has(columnKey(column))
    ).length
  let best: { preset: MappingPresetName; score: number } | undefined
  for (const preset of MAPPING_PRESET_NAMES) {
    const mapping = MAPPING_PRESETS[preset]
    const names = has(mapping.name) + has(mapping.firstName) + has(mapping.lastName)
    const numbers =
      has(mapping.work) +
      has(mapping.mobile) +
      has(mapping.home) +
      has(mapping.other) +
      has(mapping.phones?.map((pair) => pair.value))
    const score = mappedColumns(mapping).filter((column) => present.has(columnKey(column))).length
    if (names > 0 && numbers > 0 && (!best || score > best.score)) best = { preset, score }
  }
  return best?.preset
}

/** A contact as a file brings it: a contact without its id. */
export type ContactFields = Omit<Contact, 'id'>

/** An entry of the file that is not imported, with the sentence saying why. `line` is where it starts (1 is the first). */
export interface SkippedEntry {
  line: number
  reason: string
  name?: string
}

/** Something the import changed about an entry, e.g. "Kept the first 10 of 12 numbers." */
export interface ImportNote {
  line: number
  name: string
  note: string
}

/** An entry whose name is already a contact (or an earlier entry) and that brings new numbers to it. */
export interface ImportMerge {
  line: number
  name: string
  numbers: ContactNumber[]
}

/** An entry with a contact's name and no number the contact lacks. */
export interface ImportDuplicate {
  line: number
  name: string
}

/** The CSV's columns and the mapping used to read it. */
export interface CsvColumns {
  columns: string[]
  /** The preset found from the header, when one fits. */
  preset?: MappingPresetName
  mapping: ColumnMapping
}

/**
 * What importing a file does (a preview) or did (`written`): the contacts added, numbers merged into
 * contacts of the same name, duplicates left alone and entries skipped, each with its line. The
 * lists hold at most the first `listed` items; `counts` has them all.
 */
export interface ContactImportReport {
  ok: true
  written: boolean
  format: ContactFileFormat
  csv?: CsvColumns
  counts: { added: number; merged: number; duplicates: number; skipped: number }
  added: ({ line: number } & ContactFields)[]
  merged: ImportMerge[]
  duplicates: ImportDuplicate[]
  skipped: SkippedEntry[]
  notes: ImportNote[]
}

export type ContactImportAnswer = ContactImportReport | { ok: false; error: string; csv?: CsvColumns }

/** A file the window read, as bytes in base64 (which crosses IPC and the test's bridge alike), with its name. */
export interface ContactFileUpload {
  name: string
  base64: string
}

/** A contacts file for the window to save. */
export interface ContactFileDownload {
  fileName: string
  mimeType: string
  text: string
  count: number
}
