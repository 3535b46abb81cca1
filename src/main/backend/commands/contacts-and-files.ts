import type { ContactCommands } from '../../../shared/ipc-contract'
import {
  exportContacts as exportContactFile,
  importContacts as importContactFile,
  readUploadedContactFile
} from '../../contact-files'
import type { BackendParts } from '../backend-parts'

/** How many contacts, merges, duplicates and skipped entries an import's answer lists for the window (the counts are complete). */
const IMPORT_PREVIEW_LISTED = 200

/** Contacts and contact files: each change reaches the search at once. */
export function contactsAndFiles(parts: BackendParts): ContactCommands {
  const { contacts } = parts.options
  return {
    listContacts: () => contacts.list(),
    async saveContact(draft) {
      const saved = await contacts.save(draft)
      if (saved.ok) await parts.directory.contactSaved(saved.contact)
      return saved
    },
    async deleteContact(id) {
      await contacts.delete(id)
      await parts.directory.contactDeleted(id)
    },
    previewContactImport: (file, mapping) =>
      importContactFile(contacts, readUploadedContactFile(file, mapping), {
        write: false,
        listed: IMPORT_PREVIEW_LISTED,
        country: parts.settings.current.dialPlan.country
      }),
    async importContacts(file, mapping) {
      const answer = await importContactFile(contacts, readUploadedContactFile(file, mapping), {
        write: true,
        listed: IMPORT_PREVIEW_LISTED,
        country: parts.settings.current.dialPlan.country
      })
      // The imported people are found by the search as soon as the import is reported.
      if (answer.ok && answer.counts.added + answer.counts.merged > 0) await parts.directory.contactsChanged()
      return answer
    },
    async exportContacts(format) {
      return exportContactFile(await contacts.list(), format)
    }
  }
}
