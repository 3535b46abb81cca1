import type { ReactNode } from 'react'
import { ModalDialog } from './modal-dialog'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm(): void
  onCancel(): void
}

/** Asks before something that cannot be undone; the focus starts on Cancel, the safe choice. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalDialog title={title} onCancel={onCancel} role="alertdialog">
      <div className="modal-body">{children}</div>
      <div className="modal-actions">
        <button type="button" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  )
}
