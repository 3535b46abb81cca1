/**
 * Contact files: vCard 2.1/3.0/4.0 and CSV (Outlook, Google, or a mapping of one's own) read into
 * contacts with a preview of what an import adds, merges, leaves as duplicate and skips; all
 * contacts written out as vCard 3.0 or Google-style CSV.
 */
export {
  exportContacts,
  formatOfFileName,
  importContacts,
  readContactFile,
  readUploadedContactFile
} from './contact-file-import'
export type { ContactFileReading, ImportOptions } from './contact-file-import'
export { isColumnMapping, MAPPING_FIELDS_HELP, parseColumnMapping } from './csv-reader'
export type { CsvMappingChoice } from './csv-reader'
export { CONTACT_FILE_ENCODINGS } from './decode-text'
export type { ContactFileEncoding } from './decode-text'
