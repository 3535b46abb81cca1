import type { ReactNode } from 'react'
import { inputId, type SettingsField } from './settings-draft'

interface FieldProps {
  field: SettingsField
  label: string
  hint?: ReactNode
  error?: string
  children: ReactNode
}

/** A labelled settings control with its hint and, after a failed save, its error right beside it. */
export function Field({ field, label, hint, error, children }: FieldProps) {
  const id = inputId(field)
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** The aria attributes that tie a control to its hint and error. */
export function describedBy(field: SettingsField, error: string | undefined, hasHint: boolean) {
  const id = inputId(field)
  const ids = [hasHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return { id, 'aria-invalid': error !== undefined, 'aria-describedby': ids || undefined }
}

interface CheckboxProps {
  field: SettingsField
  label: string
  hint?: string
  checked: boolean
  onChange(checked: boolean): void
}

export function Checkbox({ field, label, hint, checked, onChange }: CheckboxProps) {
  const id = inputId(field)
  return (
    <div className="field checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  )
}
