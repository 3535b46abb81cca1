import { useEffect, useRef, type KeyboardEvent } from 'react'
import type { CallRecord } from '../../../shared/call-record'
import { SearchField } from '../common/search-field'
import { useSearchList } from '../common/use-search-list'
import { VirtualList } from '../common/virtual-list'
import { CALL_STATE_LABEL } from '../calls/call-state-words'
import { historyMatches } from './history-search'
import type { History } from './use-history'
import { LineDot } from '../common/line-dot'

interface HistoryViewProps {
  history: History
  redial(record: CallRecord): void
  /** Opens the ladder diagram of the call's SIP messages (Alt+Enter). */
  showMessages(record: CallRecord): void
  onClear(): void
  focusSearch: number
}

const LIST_ID = 'history-list'
const ROW_HEIGHT = 60

const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** Every call DeskDial placed, kept across restarts: search it, call again, or clear it. */
export function HistoryView({ history, redial, showMessages, onClear, focusSearch }: HistoryViewProps) {
  const list = useSearchList(LIST_ID, history.records, historyMatches)
  const { matches, activeIndex } = list
  const search = useRef<HTMLInputElement>(null)

  useEffect(() => {
    search.current?.focus()
  }, [focusSearch])

  // The backend writes a finished call to the history just after reporting it: read it again on opening.
  const { reload } = history
  useEffect(() => {
    void reload()
  }, [reload])

  const empty = (history.records ?? []).length === 0
  /** Alt+Enter, as "properties" in a file manager: the SIP messages of the active call. */
  const onKeyDown = (event: KeyboardEvent, record: CallRecord | undefined) => {
    if (event.key !== 'Enter' || !event.altKey || !record) return
    event.preventDefault()
    showMessages(record)
  }

  return (
    <div className="view history-view">
      <header className="view-header">
        <h1>History</h1>
        <span className="view-count">{history.records && `${matches.length} of ${history.records.length}`}</span>
        <button type="button" className="danger-quiet" onClick={onClear} disabled={empty}>
          Clear history…
        </button>
      </header>
      <SearchField
        inputRef={search}
        label="Search history"
        placeholder="Search by name or number (Ctrl+F)"
        {...list.searchProps}
        onEnter={() => matches[activeIndex] && redial(matches[activeIndex])}
        onKeyDown={(event) => onKeyDown(event, matches[activeIndex])}
        autoFocus
      />
      {history.loadError && (
        <p className="form-error" role="alert">
          {history.loadError}
        </p>
      )}
      <VirtualList
        id={LIST_ID}
        label="Call history (Enter calls again, Alt+Enter shows the SIP messages)"
        items={matches}
        rowHeight={ROW_HEIGHT}
        activeIndex={activeIndex}
        onActiveChange={list.setActive}
        onActivate={redial}
        onKeyDown={onKeyDown}
        itemKey={(record) => record.id}
        renderRow={(record) => (
          <div className={`history-row state-${record.state}`}>
            <span className={`call-state-badge small state-${record.state}`}>{CALL_STATE_LABEL[record.state]}</span>
            <span className="history-row-text">
              <span className="history-row-name">
                {record.contactName ?? record.target}
                {record.contactName && <span className="muted"> · {record.target}</span>}
                <LineDot number={record.target} />
              </span>
              <span className="history-row-reason">{record.reason}</span>
            </span>
            <time className="history-row-when" dateTime={new Date(record.startedAt).toISOString()}>
              {whenFormat.format(record.startedAt)}
            </time>
            <button
              type="button"
              className="quiet"
              tabIndex={-1}
              aria-keyshortcuts="Alt+Enter"
              onClick={(event) => {
                event.stopPropagation()
                showMessages(record)
              }}
            >
              SIP messages
            </button>
            <button
              type="button"
              className="quiet"
              tabIndex={-1}
              onClick={(event) => {
                event.stopPropagation()
                redial(record)
              }}
            >
              Redial
            </button>
          </div>
        )}
        empty={
          history.records === undefined
            ? 'Loading history…'
            : empty
              ? 'No calls yet. Calls you place appear here.'
              : `No call matches “${list.query}”.`
        }
      />
    </div>
  )
}
