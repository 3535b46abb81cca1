import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { placeCall } from '../calls/place-call'
import { DirectoryStatusLine } from '../common/directory-status-line'
import { errorText } from '../common/error-text'
import { HighlightedText } from '../common/highlighted-text'
import { LineDot } from '../common/line-dot'
import { isStarKey, SOURCE_LABEL } from '../common/result-labels'
import { SearchField } from '../common/search-field'
import { favouriteTarget, StarButton } from '../common/star-button'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { useDirectorySearch } from '../common/use-directory-search'
import { VirtualList } from '../common/virtual-list'
import { quickDialRows, type QuickDialRow } from './quick-dial-rows'

const LIST_ID = 'quick-dial-results'
/** Results asked for while typing, and the favourites and recent calls offered before. */
const RESULTS_TYPED = 20
const RESULTS_UNTYPED = 6
/** How an offered number's row names where it comes from. */
const OFFER_KIND = { selection: 'Selected', typed: 'Number', clipboard: 'Clipboard' }
const OFFER_DETAIL = {
  selection: 'Number you just selected',
  typed: 'Call this number',
  clipboard: 'Number on the clipboard'
}

/** The hotkey's small window: type, arrow, Enter, and the desk phone rings; Esc hides it. */
export function QuickDial() {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [clipboard, setClipboard] = useState<string>()
  const [selection, setSelection] = useState<string>()
  const [status, setStatus] = useState<{ text: string; error: boolean }>()
  const input = useRef<HTMLInputElement>(null)
  const search = useDirectorySearch(query, query.trim() === '' ? RESULTS_UNTYPED : RESULTS_TYPED)
  const { rerun } = search

  // The window is hidden and shown again, not reloaded: refresh what may have changed each time it opens.
  const refresh = useCallback(() => {
    rerun()
    return Promise.all([window.deskdial.selectionNumber(), window.deskdial.clipboardNumber()]).then(
      ([selected, number]) => {
        setSelection(selected)
        setClipboard(number)
        input.current?.focus()
        input.current?.select()
      },
      (error: unknown) =>
        setStatus({ text: `DeskDial could not read the clipboard or the selection: ${errorText(error)}`, error: true })
    )
  }, [rerun])

  useEffect(() => {
    void refresh()
    const onFocus = () => void refresh()
    window.addEventListener('focus', onFocus)
    return () => window.removeEventListener('focus', onFocus)
  }, [refresh])

  useDeskDialEvent('navigate', (view) => {
    if (view === 'quick-dial') void refresh()
  })

  const rows = useMemo(
    () => quickDialRows(query, clipboard, search.results ?? [], selection),
    [query, clipboard, search.results, selection]
  )
  const activeIndex = Math.min(active, rows.length - 1)

  async function call(row: QuickDialRow | undefined) {
    if (!row) return
    setStatus({ text: `Calling ${row.kind === 'result' ? row.result.name : row.title}…`, error: false })
    const placed = await placeCall(row.target, row.kind === 'result' ? row.result.contactId : undefined)
    if (!placed.ok) {
      setStatus({ text: placed.error, error: true })
      return
    }
    setStatus(undefined)
    setQuery('')
    setActive(0)
    await window.deskdial.hideWindow()
  }

  function toggleStar(row: QuickDialRow | undefined) {
    if (row?.kind !== 'result') return
    const target = favouriteTarget({ ...row.result, number: row.target })
    window.deskdial.setFavourite(target, !row.result.favourite).then(
      () => {
        // The ranking changes: Enter calls the best result again.
        setActive(0)
        rerun()
      },
      (error: unknown) =>
        setStatus({ text: `DeskDial could not change the favourite: ${errorText(error)}`, error: true })
    )
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
        count={rows.length}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        onEnter={() => void call(rows[activeIndex])}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            void window.deskdial.hideWindow()
          } else if (isStarKey(event)) {
            event.preventDefault()
            toggleStar(rows[activeIndex])
          }
        }}
        autoFocus
      />
      <VirtualList
        id={LIST_ID}
        label="Matches"
        items={rows}
        rowHeight={48}
        activeIndex={activeIndex}
        onActiveChange={setActive}
        onActivate={(row) => void call(row)}
        onKeyDown={(event, row) => {
          if (!isStarKey(event)) return
          event.preventDefault()
          toggleStar(row)
        }}
        itemKey={(row) => row.key}
        renderRow={(row) => (
          <div className="quick-dial-row" onClick={() => void call(row)}>
            {row.kind === 'result' ? (
              <>
                <span className={`quick-dial-kind kind-${row.result.source}`}>{SOURCE_LABEL[row.result.source]}</span>
                <span className="quick-dial-text">
                  <span className="quick-dial-title">
                    <HighlightedText text={row.result.name} ranges={row.result.highlights.name} />
                    <LineDot number={row.target} />
                  </span>
                  <span className="quick-dial-detail">
                    {row.label} · <HighlightedText text={row.target} ranges={row.numberRanges} />
                    {row.result.company && (
                      <>
                        {' · '}
                        <HighlightedText text={row.result.company} ranges={row.result.highlights.company} />
                      </>
                    )}
                    {row.result.department && (
                      <>
                        {' · '}
                        <HighlightedText text={row.result.department} ranges={row.result.highlights.department} />
                      </>
                    )}
                  </span>
                </span>
                <StarButton name={row.result.name} starred={row.result.favourite} onToggle={() => toggleStar(row)} />
              </>
            ) : (
              <>
                <span className={`quick-dial-kind kind-${row.kind}`}>{OFFER_KIND[row.kind]}</span>
                <span className="quick-dial-text">
                  <span className="quick-dial-title">{row.title}</span>
                  <span className="quick-dial-detail">{OFFER_DETAIL[row.kind]}</span>
                </span>
              </>
            )}
          </div>
        )}
        empty={
          query.trim() === '' ? 'Type a name or a number.' : `Nothing matches “${query}”. Type a number to call it.`
        }
      />
      <DirectoryStatusLine status={search.status} />
      <p className={`quick-dial-status${status?.error ? ' error' : ''}`} role={status?.error ? 'alert' : 'status'}>
        {status?.text ?? search.error}
      </p>
    </main>
  )
}
