import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Contact } from '../../../shared/contact'
import { MAX_SEARCH_RESULTS, type DirectoryResult } from '../../../shared/directory-search'
import { DirectoryStatusLine } from '../common/directory-status-line'
import { HighlightedText } from '../common/highlighted-text'
import { CallWords, LineDot } from '../common/line-dot'
import { contactAsResult, isFavouriteContact, isStarKey, SOURCE_LABEL } from '../common/result-labels'
import { SearchField } from '../common/search-field'
import { favouriteTarget, StarButton } from '../common/star-button'
import { useDirectorySearch } from '../common/use-directory-search'
import { VirtualList } from '../common/virtual-list'
import { ExportDialog } from './export-dialog'
import { ImportDialog } from './import-dialog'
import type { Contacts } from './use-contacts'

interface ContactsViewProps {
  contacts: Contacts
  dial(target: string, contactId?: string): void
  onNew(): void
  onEdit(contact: Contact): void
  onDelete(contact: Contact): void
  /** Changes whenever Ctrl+F asks for the search box. */
  focusSearch: number
}

const LIST_ID = 'contact-list'
const ROW_HEIGHT = 56

/**
 * The contacts, favourites first; typing searches them with the company directory and recent
 * calls in the main process, best first. One click or Enter calls the result's number.
 */
export function ContactsView({ contacts, dial, onNew, onEdit, onDelete, focusSearch }: ContactsViewProps) {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const search = useDirectorySearch(query, MAX_SEARCH_RESULTS)
  const { rerun } = search
  const field = useRef<HTMLInputElement>(null)
  const { contacts: all, favourites } = contacts
  const [fileDialog, setFileDialog] = useState<'import' | 'export'>()

  useEffect(() => {
    field.current?.focus()
  }, [focusSearch])
  // A contact saved, deleted or starred changes what the search finds and how it ranks.
  useEffect(() => rerun(), [all, favourites, rerun])

  const everyone = useMemo(() => {
    if (!all) return []
    const starred = all.filter((contact) => isFavouriteContact(contact, favourites))
    const ids = new Set(starred.map((contact) => contact.id))
    return [...starred, ...all.filter((contact) => !ids.has(contact.id))].map((contact) =>
      contactAsResult(contact, ids.has(contact.id))
    )
  }, [all, favourites])
  const byId = useMemo(() => new Map((all ?? []).map((contact) => [contact.id, contact])), [all])

  const searching = query.trim() !== ''
  const shown = searching ? (search.results ?? []) : everyone
  const activeIndex = Math.min(active, shown.length - 1)
  const selected = shown[activeIndex]
  const contactOf = (result: DirectoryResult | undefined) =>
    result?.contactId === undefined ? undefined : byId.get(result.contactId)

  function call(result: DirectoryResult | undefined) {
    if (result && result.number !== '') dial(result.number, result.contactId)
  }

  function toggleStar(result: DirectoryResult | undefined) {
    if (result) void contacts.setFavourite(favouriteTarget(result), !result.favourite)
  }

  function onStarKey(event: KeyboardEvent) {
    if (!isStarKey(event)) return false
    event.preventDefault()
    toggleStar(selected)
    return true
  }

  return (
    <div className="view contacts-view">
      <header className="view-header">
        <h1>Contacts</h1>
        <span className="view-count" aria-live="polite">
          {all && `${shown.length} of ${all.length}`}
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
        inputRef={field}
        label="Search contacts"
        placeholder="Search contacts and the company directory by name, company or number (Ctrl+F)"
        value={query}
        onChange={(value) => {
          setQuery(value)
          setActive(0)
        }}
        listId={LIST_ID}
        count={shown.length}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        onEnter={() => call(selected)}
        onKeyDown={onStarKey}
        autoFocus
      />
      <DirectoryStatusLine status={search.status} />
      {(contacts.loadError ?? search.error) && (
        <p className="form-error" role="alert">
          {contacts.loadError ?? search.error}
        </p>
      )}
      <div className="split">
        <VirtualList
          id={LIST_ID}
          label="Contacts"
          items={shown}
          rowHeight={ROW_HEIGHT}
          activeIndex={activeIndex}
          onActiveChange={setActive}
          onActivate={(result) => call(result)}
          onKeyDown={(event, result) => {
            if (onStarKey(event)) return
            const contact = contactOf(result)
            if (!contact) return
            if (event.key === 'Delete') onDelete(contact)
            else if (event.key === 'F2') onEdit(contact)
            else return
            event.preventDefault()
          }}
          itemKey={(result) => result.entryId}
          renderRow={(result) => (
            <div className="contact-row">
              <span className="avatar" aria-hidden="true">
                {initials(result.name)}
              </span>
              <span className="contact-row-text">
                <span className="contact-row-name">
                  <HighlightedText text={result.name} ranges={result.highlights.name} />
                  <LineDot number={result.number} />
                </span>
                <span className="contact-row-company">
                  {searching && (
                    <span className={`source-tag source-${result.source}`}>{SOURCE_LABEL[result.source]}</span>
                  )}
                  {result.company && <HighlightedText text={result.company} ranges={result.highlights.company} />}
                  {result.company && result.department && ' · '}
                  {result.department && (
                    <HighlightedText text={result.department} ranges={result.highlights.department} />
                  )}
                </span>
              </span>
              {result.number !== '' && (
                <span
                  className="contact-row-number"
                  title={`Call ${result.number}`}
                  onClick={(event) => {
                    event.stopPropagation()
                    call(result)
                  }}
                >
                  <span className="number-label">{result.label}</span>{' '}
                  <HighlightedText text={result.number} ranges={result.highlights.number} />
                </span>
              )}
              <StarButton name={result.name} starred={result.favourite} onToggle={() => toggleStar(result)} />
            </div>
          )}
          empty={
            all === undefined
              ? 'Loading contacts…'
              : searching
                ? search.results === undefined
                  ? 'Searching…'
                  : `Nothing matches “${query}”.`
                : 'No contacts yet. Add one with New contact (Ctrl+N).'
          }
        />
        <ResultDetails
          result={selected}
          contact={contactOf(selected)}
          dial={dial}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      </div>
    </div>
  )
}

function ResultDetails({
  result,
  contact,
  dial,
  onEdit,
  onDelete
}: Pick<ContactsViewProps, 'dial' | 'onEdit' | 'onDelete'> & { result?: DirectoryResult; contact?: Contact }) {
  if (!result) return <aside className="contact-details empty" aria-label="Contact details" />
  return (
    <aside className="contact-details" aria-label={`Details of ${result.name}`}>
      <div className="contact-details-head">
        <span className="avatar large" aria-hidden="true">
          {initials(result.name)}
        </span>
        <div>
          <h2>{result.name}</h2>
          {result.company && <p className="muted">{result.company}</p>}
          {result.department && <p className="muted">{result.department}</p>}
          <p className="muted">{SOURCE_LABEL[result.source]}</p>
        </div>
      </div>
      <ul className="number-buttons">
        {result.numbers.map((entry, index) => (
          <li key={index}>
            <button type="button" className="number-button" onClick={() => dial(entry.number, result.contactId)}>
              <span className="number-label">{entry.label}</span>
              <span className="number-value">{entry.number}</span>
              <span className="number-call">
                <CallWords number={entry.number} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {contact && (
        <div className="contact-details-actions">
          <button type="button" onClick={() => onEdit(contact)} aria-keyshortcuts="F2">
            Edit
          </button>
          <button type="button" className="danger-quiet" onClick={() => onDelete(contact)} aria-keyshortcuts="Delete">
            Delete
          </button>
        </div>
      )}
      <p className="hint">
        Enter calls {result.label === 'other' ? 'the number' : `the ${result.label} number`} · Ctrl+D stars
        {contact ? ' · F2 edits · Delete removes' : ''}
      </p>
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
