/**
 * Importing and exporting a contacts file, as the window and the CLI do it: read the file (vCard or
 * CSV, from its name or else its content), plan the import against the contacts, and write it only
 * when asked; export all contacts as vCard 3.0 or Google-style CSV.
 */
import type { Contact } from '../../shared/contact'
import {
  MAX_CONTACT_FILE_BYTES,
  type ColumnMapping,
  type ContactFileUpload,
  type ContactFileDownload,
  type ContactFileFormat,
  type ContactImportAnswer,
  type CsvColumns,
  type SkippedEntry
} from '../../shared/contact-files'
import type { ContactStore } from '../contacts/contact-store'
import { runInSlices, runToEnd, type SlicedWork } from '../settings/work-in-slices'
import type { ContactEntry } from './contact-entry'
import { csvContactsInSlices, type CsvMappingChoice } from './csv-reader'
import { writeCsv } from './csv-writer'
import { decodeContactFile, type ContactFileEncoding } from './decode-text'
import { planImport } from './import-plan'
import { looksLikeVCard, vCardsInSlices } from './vcard-reader'
import { writeVCards } from './vcard-writer'

/** The format a file name's extension names: .vcf/.vcard or .csv. */
export function formatOfFileName(fileName: string): ContactFileFormat | undefined {
  if (/\.(vcf|vcard)$/i.test(fileName)) return 'vcard'
  if (/\.csv$/i.test(fileName)) return 'csv'
  return undefined
}

export type ContactFileReading =
  | { ok: true; format: ContactFileFormat; entries: ContactEntry[]; skipped: SkippedEntry[]; csv?: CsvColumns }
  | { ok: false; error: string; csv?: CsvColumns }

/**
 * The contacts in a file's bytes; `choice` picks the CSV's column mapping (found from the header when
 * omitted), `encoding` the file's encoding (found from the bytes when omitted).
 */
export function readContactFile(
  fileName: string,
  bytes: Uint8Array,
  choice?: CsvMappingChoice,
  encoding?: ContactFileEncoding
): ContactFileReading {
  return runToEnd(contactFileInSlices(fileName, bytes, choice, encoding))
}

/** {@link readContactFile}, yielding after each record or line it reads. */
function* contactFileInSlices(
  fileName: string,
  bytes: Uint8Array,
  choice?: CsvMappingChoice,
  encoding?: ContactFileEncoding
): SlicedWork<ContactFileReading> {
  if (bytes.length > MAX_CONTACT_FILE_BYTES) {
    return {
      ok: false,
      error: `${fileName} is larger than ${MAX_CONTACT_FILE_BYTES / 1024 / 1024} MB: split it into smaller files and import them one by one.`
    }
  }
  const decoded = decodeContactFile(bytes, encoding)
  if (!decoded.ok) return { ok: false, error: `${fileName} cannot be read. ${decoded.error}` }
  const { text } = decoded
  const format = formatOfFileName(fileName) ?? (looksLikeVCard(text) ? 'vcard' : 'csv')
  if (format === 'vcard') return { ok: true, format, ...(yield* vCardsInSlices(text)) }
  const read = yield* csvContactsInSlices(text, choice)
  return read.ok ? { ok: true, format, ...read.reading } : read
}

/**
 * A file the window sent (its bytes in base64); a mapping from the window is the user's choice of
 * columns. Read in slices of a few milliseconds, so that the app keeps answering while it reads a
 * file of 100,000 contacts.
 */
export function readUploadedContactFile(
  upload: ContactFileUpload,
  mapping?: ColumnMapping
): Promise<ContactFileReading> {
  return runInSlices(
    contactFileInSlices(upload.name, Buffer.from(upload.base64, 'base64'), mapping ? { mapping } : undefined)
  )
}

export interface ImportOptions {
  /** False for a preview: nothing is written. */
  write: boolean
  /** How many of each list the answer holds (the counts are always complete); all when omitted. */
  listed?: number
  /** The dial plan's country: numbers are compared as dialled from it. */
  country: string
}

/** Plans the import of `file` (read, or being read) into `store` and, with `write`, saves it in one write. */
export async function importContacts(
  store: ContactStore,
  file: ContactFileReading | Promise<ContactFileReading>,
  options: ImportOptions
): Promise<ContactImportAnswer> {
  const reading = await file
  if (!reading.ok) return reading
  const plan = await planImport(await store.list(), reading.entries, reading.skipped, options.country)
  if (options.write && plan.drafts.length > 0) {
    const results = await store.saveMany(plan.drafts)
    const failed = results.flatMap((result) => (result.ok ? [] : [result.error]))
    if (failed.length > 0)
      return { ok: false, error: `${failed.length} contact(s) could not be saved: ${failed[0]} Nothing else was lost.` }
  }
  const list = <T>(items: T[]) => (options.listed === undefined ? items : items.slice(0, options.listed))
  return {
    ok: true,
    written: options.write,
    format: reading.format,
    ...(reading.csv ? { csv: reading.csv } : {}),
    counts: {
      added: plan.added.length,
      merged: plan.merged.length,
      duplicates: plan.duplicates.length,
      skipped: plan.skipped.length
    },
    added: list(plan.added),
    merged: list(plan.merged),
    duplicates: list(plan.duplicates),
    skipped: list(plan.skipped),
    notes: list(plan.notes)
  }
}

/** All contacts as a file to save: vCard 3.0 or CSV with Google's columns. */
export function exportContacts(contacts: readonly Contact[], format: ContactFileFormat): ContactFileDownload {
  return format === 'vcard'
    ? { fileName: 'deskdial-contacts.vcf', mimeType: 'text/vcard', text: writeVCards(contacts), count: contacts.length }
    : { fileName: 'deskdial-contacts.csv', mimeType: 'text/csv', text: writeCsv(contacts), count: contacts.length }
}
