import { useState } from 'react'
import type { DialResult, PendingLink } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'
import { readableNumber } from '../common/readable-number'

interface LinkConfirmationProps {
  link: PendingLink
  /** Called once the link has been confirmed (with the dial's result) or refused. */
  onSettled(link: PendingLink, result?: DialResult): void
}

/**
 * Any web page can open a tel: link, so a link never dials before the user has seen the number:
 * Enter calls, Esc cancels.
 */
export function LinkConfirmation({ link, onSettled }: LinkConfirmationProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const preview = link.preview

  async function confirm() {
    setBusy(true)
    try {
      const result = await window.deskdial.confirmLink(link.id)
      if (result.ok) onSettled(link, result)
      else setError(result.error)
    } catch (thrown) {
      setError(`The call could not start: ${errorText(thrown)}`)
    } finally {
      setBusy(false)
    }
  }

  function cancel() {
    void window.deskdial.rejectLink(link.id)
    onSettled(link)
  }

  if (!preview.ok) {
    return (
      <ModalDialog title="This link cannot be called" onCancel={cancel} role="alertdialog">
        <div className="modal-body">
          <p className="link-raw">{link.raw}</p>
          <p>{preview.error}</p>
        </div>
        <div className="modal-actions">
          <button type="button" className="primary" onClick={cancel} data-autofocus>
            Close
          </button>
        </div>
      </ModalDialog>
    )
  }

  const who = preview.contact ? ` (${preview.contact.name}, ${preview.contact.label})` : ''
  return (
    <ModalDialog title={`Call ${readableNumber(preview.target)}${who}?`} onCancel={cancel} className="link-confirmation">
      <div className="modal-body">
        <p>{preview.display}</p>
        <p className="muted">
          Another application asked DeskDial to call this {link.scheme}: link. Your desk phone rings first.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={cancel}>
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
        <button type="button" className="primary" onClick={() => void confirm()} disabled={busy} data-autofocus>
          {busy ? 'Calling…' : 'Call'} <kbd aria-hidden="true">Enter</kbd>
        </button>
      </div>
    </ModalDialog>
  )
}
