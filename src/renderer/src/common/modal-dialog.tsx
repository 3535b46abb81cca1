import { useEffect, useId, useRef, type ReactNode } from 'react'

interface ModalDialogProps {
  title: string
  /** Esc, or the dialog closing any other way than through its buttons. */
  onCancel(): void
  children: ReactNode
  className?: string
  /** Dialogs that describe something dangerous read as an alert to screen readers. */
  role?: 'dialog' | 'alertdialog'
}

/**
 * A modal built on the native <dialog>: the browser traps the focus inside it, hides the page
 * behind it from assistive technology, and turns Esc into a cancel. The element marked
 * `data-autofocus` gets the focus when it opens.
 */
export function ModalDialog({ title, onCancel, children, className, role = 'dialog' }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()

  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (!element.open) element.showModal()
    // React's autoFocus runs before the dialog opens; showModal() would then focus the first button.
    element.querySelector<HTMLElement>('[data-autofocus]')?.focus()
    return () => element.close()
  }, [])

  return (
    <dialog
      ref={dialog}
      className={`modal ${className ?? ''}`}
      role={role}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
    >
      <h2 id={titleId} className="modal-title">
        {title}
      </h2>
      {children}
    </dialog>
  )
}
