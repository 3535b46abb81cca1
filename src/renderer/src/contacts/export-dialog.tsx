import { useState } from 'react'
import type { ContactFileFormat } from '../../../shared/contact-files'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'

/**
 * Saves the text as a file through a download link: Electron asks where to save it with the system's
 * save dialog (no main-process code needed, and the security policy blocks navigation, not downloads).
 */
function download(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Export all contacts as vCard 3.0 or CSV. */
export function ExportDialog({ onClose }: { onClose(): void }) {
  const [status, setStatus] = useState<string>()
  const [error, setError] = useState<string>()

  async function exportAs(format: ContactFileFormat) {
    setError(undefined)
    try {
      const file = await window.deskdial.exportContacts(format)
      download(file.fileName, file.mimeType, file.text)
      setStatus(`Saved ${file.count} contact${file.count === 1 ? '' : 's'} as ${file.fileName}.`)
    } catch (thrown) {
      setError(`The contacts could not be exported: ${errorText(thrown)}`)
    }
  }

  return (
    <ModalDialog title="Export contacts" onCancel={onClose}>
      <div className="modal-body">
        <p>
          vCard 3.0 is what Outlook, Google Contacts and Apple Contacts import; CSV has Google Contacts&apos; columns
          and opens in a spreadsheet.
        </p>
        {status && <p role="status">{status}</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="primary" onClick={() => void exportAs('vcard')} data-autofocus>
          vCard (.vcf)
        </button>
        <button type="button" onClick={() => void exportAs('csv')}>
          CSV (.csv)
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
