import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CallRecord } from '../../../shared/call-record'
import type { Contact } from '../../../shared/contact'
import { placeCall } from '../calls/place-call'
import { errorText } from '../common/error-text'
import { SearchField } from '../common/search-field'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { VirtualList } from '../common/virtual-list'
import { byName } from '../contacts/contact-search'
import { quickDialResults, type QuickDialResult } from './quick-dial-results'

const LIST_ID = 'quick-dial-results'
const KIND_LABEL: Record<QuickDialResult['kind'], string> = {
  clipboard: 'Clipboard',
  number: 'Number',
  contact: 'Contact',
  recent: 'Recent'
}

/** The hotkey's small window: type, arrow, Enter, and the desk phone rings; Esc hides it. */
export function QuickDial() {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [contacts, setContacts] = useState<Contact[]>([])
  const [history, setHistory] = useState<CallRecord[]>([])
  const [clipboard, setClipboard] = useState<string>()
  const [status, setStatus] = useState<{ text: string; error: boolean }>()
  const input = useRef<HTMLInputElement>(null)

  // The window is hidden and shown again, not reloaded: refresh what may have changed each time it opens.
  const refresh = useCallback(
    () =>
      Promise.all([
        window.deskdial.listContacts(),
        window.deskdial.listHistory(),
        window.deskdial.clipboardNumber()
      ]).then(
        ([list, records, number]) => {
          setContacts([...list].sort(byName))
          setHistory([...records].sort((a, b) => b.startedAt - a.startedAt))
          setClipboard(number)
          input.current?.focus()
          input.current?.select()
        },
        (error: unknown) =>
          setStatus({
            text: `DeskDial could not load your contacts and recent calls: ${errorText(error)}`,
            error: true
          })
      ),
    []
  )

  useEffect(() => {
    void refresh()
    const onFocus = () => void refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [refresh])

  useDeskDialEvent('navigate', (view) => {
    if (view === 'quick-dial') void refresh()
  })

  const results = useMemo(
    () => quickDialResults(query, contacts, history, clipboard),
    [query, contacts, history, clipboard]
  )
  const activeIndex = Math.min(active, results.length - 1)

  async function call(result: QuickDialResult | undefined) {
    if (!result) return
    setStatus({ text: `Calling ${result.title}…`, error: false })
    const placed = await placeCall(result.target, result.contactId)
    if (!placed.ok) {
      setStatus({ text: placed.error, error: true })
      return
    }
    setStatus(undefined)
    setQuery('')
    setActive(0)
    await window.deskdial.hideWindow()
  }

  return (
    <main className="quick-dial" aria-label="Quick dial">
      <SearchField
        inputRef={input}
        label="Name or number to call"
        placeholder="Name or number — Enter calls, Esc closes"
        value={query}
        onChange={(value) => {
          setQuery(value)
          setActive(0)
          setStatus(undefined)
        }}
        listId={LIST_ID}
        count={results.length}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        onEnter={() => void call(results[activeIndex])}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            void window.deskdial.hideWindow()
          }
        }}
        autoFocus
      />
      <VirtualList
        id={LIST_ID}
        label="Matches"
        items={results}
        rowHeight={48}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        onActivate={(result) => void call(result)}
        itemKey={(result) => result.key}
        renderRow={(result) => (
          <div className="quick-dial-row" onClick={() => void call(result)}>
            <span className={`quick-dial-kind kind-${result.kind}`}>{KIND_LABEL[result.kind]}</span>
            <span className="quick-dial-text">
              <span className="quick-dial-title">{result.title}</span>
              <span className="quick-dial-detail">{result.detail}</span>
            </span>
          </div>
        )}
        empty={
          query.trim() === '' ? 'Type a name or a number.' : `Nothing matches “${query}”. Type a number to call it.`
        }
      />
      <p className={`quick-dial-status${status?.error ? ' error' : ''}`} role={status?.error ? 'alert' : 'status'}>
        {status?.text}
      </p>
    </main>
  )
}
