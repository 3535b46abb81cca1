import type { ReactNode } from 'react'
import { LockedControl, lockedSentenceId, SET_BY_ADMINISTRATOR, usePolicyField } from './policy-fields'
import { inputId, type SettingsField } from './settings-draft'

interface FieldProps {
  field: SettingsField
  label: string
  hint?: ReactNode
  error?: string
  children: ReactNode
}

/**
 * A labelled settings control with its hint and, after a failed save, its error right beside it.
 * A field the administrator's policy locks is disabled and says so; one it answers on the first run is not shown.
 */
export function Field({ field, label, hint, error, children }: FieldProps) {
  const id = inputId(field)
  const policy = usePolicyField(field)
  if (policy === 'hidden') return null
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {policy === 'locked' ? <LockedControl inputId={id}>{children}</LockedControl> : children}
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
  const policy = usePolicyField(field)
  if (policy === 'hidden') return null
  const locked = policy === 'locked'
  const describedBy = [hint ? `${id}-hint` : '', locked ? lockedSentenceId(id) : ''].filter(Boolean).join(' ')
  return (
    <div className="field checkbox-field">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={locked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={describedBy || undefined}
      />
      <label htmlFor={id}>{label}</label>
      {locked && (
        <p className="hint locked-by-policy" id={lockedSentenceId(id)}>
          {SET_BY_ADMINISTRATOR}
        </p>
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  )
}
