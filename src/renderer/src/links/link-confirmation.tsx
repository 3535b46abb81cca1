import { useEffect, useRef, useState } from 'react'
import type { DialResult, PendingLink } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'
import { readableNumber } from '../common/readable-number'

interface LinkConfirmationProps {
  link: PendingLink
  /** Called once the link has been confirmed (with the dial's result) or refused. */
  onSettled(link: PendingLink, result?: DialResult): void
}

/** How long the question must have been on screen, in a focused window, before Enter calls. */
export const ARMING_DELAY_MS = 1_000

/**
 * The Call button becomes the default (focused, so Enter calls) only once the dialog has been
 * visible for {@link ARMING_DELAY_MS} in a focused window: a link opened while the user types
 * must not be dialled by the Enter meant for something else. Until then Cancel has the focus.
 */
function useArmedAfterDelay(): boolean {
  const [armed, setArmed] = useState(false)
  useEffect(() => {
    let shownLongEnough = false
    const arm = () => {
      if (shownLongEnough && document.hasFocus()) setArmed(true)
    }
    const timer = setTimeout(() => {
      shownLongEnough = true
      arm()
    }, ARMING_DELAY_MS)
    window.addEventListener('focus', arm)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('focus', arm)
    }
  }, [])
  return armed
}

/**
 * Any web page can open a tel: link, so a link never dials before the user has seen the number:
 * Enter calls (once the dialog has been on screen for a moment), Esc cancels.
 */
export function LinkConfirmation({ link, onSettled }: LinkConfirmationProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const armed = useArmedAfterDelay()
  const callButton = useRef<HTMLButtonElement>(null)
  const preview = link.preview

  useEffect(() => {
    if (armed) callButton.current?.focus()
  }, [armed])

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
    <ModalDialog
      title={`Call ${readableNumber(preview.target)}${who}?`}
      onCancel={cancel}
      className="link-confirmation"
    >
      <div className="modal-body">
        <p>{preview.display}</p>
        <p className="muted">
          Another application asked DeskDial to call this {link.scheme}: link. Your desk phone rings first.
          {link.askedBecause && ` DeskDial asks because ${link.askedBecause}.`}
        </p>
        {link.blockedLinks > 0 && (
          <p className="form-error" role="status" data-testid="blocked-links">
            {link.blockedLinks === 1 ? '1 more link was' : `${link.blockedLinks} more links were`} blocked from other
            applications while this one waited.
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={cancel} data-autofocus>
          Cancel <kbd aria-hidden="true">Esc</kbd>
        </button>
        <button
          type="button"
          ref={callButton}
          className="primary"
          onClick={() => void confirm()}
          disabled={busy}
          data-armed={armed}
        >
          {busy ? 'Calling…' : 'Call'} <kbd aria-hidden="true">Enter</kbd>
        </button>
      </div>
    </ModalDialog>
  )
}
