import { useEffect, useRef, useState } from 'react'
import type { Contact } from '../../../shared/contact'
import { SearchField } from '../common/search-field'
import { useSearchList } from '../common/use-search-list'
import { VirtualList } from '../common/virtual-list'
import { contactMatches } from './contact-search'
import { ExportDialog } from './export-dialog'
import { ImportDialog } from './import-dialog'
import type { Contacts } from './use-contacts'

interface ContactsViewProps {
  contacts: Contacts
  dial(target: string, contactId: string): void
  onNew(): void
  onEdit(contact: Contact): void
  onDelete(contact: Contact): void
  /** Changes whenever Ctrl+F asks for the search box. */
  focusSearch: number
}

const LIST_ID = 'contact-list'
const ROW_HEIGHT = 56

/** Find a contact as you type and call one of their numbers with one click or Enter. */
export function ContactsView({ contacts, dial, onNew, onEdit, onDelete, focusSearch }: ContactsViewProps) {
  const list = useSearchList(LIST_ID, contacts.contacts, contactMatches)
  const { matches, activeIndex } = list
  const search = useRef<HTMLInputElement>(null)
  const [fileDialog, setFileDialog] = useState<'import' | 'export'>()

  useEffect(() => {
    search.current?.focus()
  }, [focusSearch])

  const selected = matches[activeIndex]

  function dialFirst(contact: Contact | undefined) {
    const first = contact?.numbers[0]
    if (contact && first) dial(first.number, contact.id)
  }

  return (
    <div className="view contacts-view">
      <header className="view-header">
        <h1>Contacts</h1>
        <span className="view-count" aria-live="polite">
          {contacts.contacts && `${matches.length} of ${contacts.contacts.length}`}
        </span>
        <button type="button" onClick={() => setFileDialog('import')}>
          Import…
        </button>
        <button type="button" onClick={() => setFileDialog('export')}>
          Export…
        </button>
        <button type="button" className="primary" onClick={onNew} aria-keyshortcuts="Control+N">
          New contact
        </button>
      </header>
      {fileDialog === 'import' && (
        <ImportDialog onImported={() => void contacts.reload()} onClose={() => setFileDialog(undefined)} />
      )}
      {fileDialog === 'export' && <ExportDialog onClose={() => setFileDialog(undefined)} />}
      <SearchField
        inputRef={search}
        label="Search contacts"
        placeholder="Search by name, company or number (Ctrl+F)"
        {...list.searchProps}
        onEnter={() => dialFirst(selected)}
        autoFocus
      />
      {contacts.loadError && (
        <p className="form-error" role="alert">
          {contacts.loadError}
        </p>
      )}
      <div className="split">
        <VirtualList
          id={LIST_ID}
          label="Contacts"
          items={matches}
          rowHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          onActiveChange={list.setActive}
          onActivate={(contact) => dialFirst(contact)}
          onKeyDown={(event, contact) => {
            if (!contact) return
            if (event.key === 'Delete') onDelete(contact)
            else if (event.key === 'F2') onEdit(contact)
            else return
            event.preventDefault()
          }}
          itemKey={(contact) => contact.id}
          renderRow={(contact) => (
            <div className="contact-row">
              <span className="avatar" aria-hidden="true">
                {initials(contact.name)}
              </span>
              <span className="contact-row-text">
                <span className="contact-row-name">{contact.name}</span>
                {contact.company && <span className="contact-row-company">{contact.company}</span>}
              </span>
              {contact.numbers[0] && (
                <span
                  className="contact-row-number"
                  title={`Call ${contact.numbers[0].number}`}
                  onClick={(event) => {
                    event.stopPropagation()
                    dialFirst(contact)
                  }}
                >
                  {contact.numbers[0].number}
                </span>
              )}
            </div>
          )}
          empty={
            contacts.contacts === undefined
              ? 'Loading contacts…'
              : list.query
                ? `No contact matches “${list.query}”.`
                : 'No contacts yet. Add one with New contact (Ctrl+N).'
          }
        />
        <ContactDetails contact={selected} dial={dial} onEdit={onEdit} onDelete={onDelete} />
      </div>
    </div>
  )
}

function ContactDetails({
  contact,
  dial,
  onEdit,
  onDelete
}: Pick<ContactsViewProps, 'dial' | 'onEdit' | 'onDelete'> & { contact?: Contact }) {
  if (!contact) return <aside className="contact-details empty" aria-label="Contact details" />
  return (
    <aside className="contact-details" aria-label={`Details of ${contact.name}`}>
      <div className="contact-details-head">
        <span className="avatar large" aria-hidden="true">
          {initials(contact.name)}
        </span>
        <div>
          <h2>{contact.name}</h2>
          {contact.company && <p className="muted">{contact.company}</p>}
        </div>
      </div>
      <ul className="number-buttons">
        {contact.numbers.map((entry, index) => (
          <li key={index}>
            <button type="button" className="number-button" onClick={() => dial(entry.number, contact.id)}>
              <span className="number-label">{entry.label}</span>
              <span className="number-value">{entry.number}</span>
              <span className="number-call">Call</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="contact-details-actions">
        <button type="button" onClick={() => onEdit(contact)} aria-keyshortcuts="F2">
          Edit
        </button>
        <button type="button" className="danger-quiet" onClick={() => onDelete(contact)} aria-keyshortcuts="Delete">
          Delete
        </button>
      </div>
      <p className="hint">Enter calls the first number · F2 edits · Delete removes</p>
    </aside>
  )
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('')
}
