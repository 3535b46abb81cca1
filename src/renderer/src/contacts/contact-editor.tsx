import { useState, type FormEvent } from 'react'
import type { Contact, ContactDraft, ContactNumber, ContactNumberLabel } from '../../../shared/contact'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'

const LABELS: ContactNumberLabel[] = ['work', 'mobile', 'home', 'other']

interface ContactEditorProps {
  /** The contact to edit, or undefined for a new one. */
  contact?: Contact
  onSaved(contact: Contact): void
  onCancel(): void
}

interface FieldError {
  message: string
  field?: string
}

/** Add or edit a contact: a name, an optional company, and one or more labelled numbers. */
export function ContactEditor({ contact, onSaved, onCancel }: ContactEditorProps) {
  const [name, setName] = useState(contact?.name ?? '')
  const [company, setCompany] = useState(contact?.company ?? '')
  const [numbers, setNumbers] = useState<ContactNumber[]>(
    contact?.numbers.length ? contact.numbers : [{ label: 'work', number: '' }]
  )
  const [error, setError] = useState<FieldError>()
  const [saving, setSaving] = useState(false)

  function updateNumber(index: number, change: Partial<ContactNumber>) {
    setNumbers((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)))
  }

  async function save(event: FormEvent) {
    event.preventDefault()
    const draft: ContactDraft = {
      id: contact?.id,
      name: name.trim(),
      company: company.trim() === '' ? undefined : company.trim(),
      // Details a contacts file brought along, which this form does not show: kept as they are.
      department: contact?.department,
      title: contact?.title,
      email: contact?.email,
      numbers: numbers
        .filter((entry) => entry.number.trim() !== '')
        .map((entry) => ({ ...entry, number: entry.number.trim() }))
    }
    setSaving(true)
    try {
      const result = await window.deskdial.saveContact(draft)
      if (result.ok) onSaved(result.contact)
      else setError({ message: result.error, field: result.field })
    } catch (thrown) {
      setError({ message: `The contact could not be saved: ${errorText(thrown)}` })
    } finally {
      setSaving(false)
    }
  }

  const errorFor = (field: string) => (error?.field === field ? error.message : undefined)
  const numberFieldError = numbers.findIndex((_, index) => error?.field?.startsWith(`numbers.${index}`) ?? false)
  const unplacedError =
    error && !['name', 'company'].includes(error.field ?? '') && numberFieldError < 0 && error.field !== 'numbers'
      ? error.message
      : undefined

  return (
    <ModalDialog
      title={contact ? `Edit ${contact.name}` : 'New contact'}
      onCancel={onCancel}
      className="contact-editor"
    >
      <form onSubmit={(event) => void save(event)} noValidate>
        {unplacedError && (
          <p className="form-error" role="alert">
            {unplacedError}
          </p>
        )}
        <div className="field">
          <label htmlFor="contact-name">Name</label>
          <input
            id="contact-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-autofocus
            required
            aria-invalid={errorFor('name') !== undefined}
            aria-describedby={errorFor('name') ? 'contact-name-error' : undefined}
          />
          {errorFor('name') && (
            <p id="contact-name-error" className="field-error" role="alert">
              {errorFor('name')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="contact-company">Company (optional)</label>
          <input id="contact-company" value={company} onChange={(event) => setCompany(event.target.value)} />
        </div>
        <fieldset className="numbers-fieldset">
          <legend>Numbers</legend>
          {numbers.map((entry, index) => (
            <div className="number-row" key={index}>
              <select
                aria-label={`Label of number ${index + 1}`}
                value={entry.label}
                onChange={(event) => updateNumber(index, { label: event.target.value as ContactNumberLabel })}
              >
                {LABELS.map((label) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </select>
              <input
                type="tel"
                aria-label={`Number ${index + 1}`}
                value={entry.number}
                placeholder="+1 201 555 0123"
                onChange={(event) => updateNumber(index, { number: event.target.value })}
                aria-invalid={numberFieldError === index}
              />
              <button
                type="button"
                className="quiet"
                onClick={() => setNumbers((current) => current.filter((_, i) => i !== index))}
                disabled={numbers.length === 1}
                aria-label={`Remove number ${index + 1}`}
              >
                Remove
              </button>
              {numberFieldError === index && (
                <p className="field-error number-error" role="alert">
                  {error?.message}
                </p>
              )}
            </div>
          ))}
          {error?.field === 'numbers' && (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          )}
          <button
            type="button"
            className="quiet"
            onClick={() => setNumbers((current) => [...current, { label: 'mobile', number: '' }])}
          >
            Add another number
          </button>
        </fieldset>
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save contact'}
          </button>
        </div>
      </form>
    </ModalDialog>
  )
}
