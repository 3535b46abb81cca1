import type { KeyboardEvent, Ref } from 'react'
import { moveActiveRow } from './list-keys'
import { rowId } from './virtual-list'

interface SearchFieldProps {
  inputRef?: Ref<HTMLInputElement>
  label: string
  placeholder: string
  value: string
  onChange(value: string): void
  /** The listbox this field drives; arrows move its active row while the focus stays here. */
  listId: string
  count: number
  activeIndex: number
  onActiveChange(index: number): void
  onEnter(): void
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void
  autoFocus?: boolean
}

/** A search box that filters a list as you type and drives it from the keyboard. */
export function SearchField({ inputRef, ...props }: SearchFieldProps) {
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (moveActiveRow(event, props.count, props.activeIndex, 8, props.onActiveChange)) return
    // Alt+Enter is left to the view (e.g. a call's SIP messages in the history).
    if (event.key === 'Enter' && !event.altKey) {
      event.preventDefault()
      props.onEnter()
      return
    }
    props.onKeyDown?.(event)
  }
  const hasActive = props.activeIndex >= 0 && props.activeIndex < props.count
  return (
    <div className="search-field">
      <svg className="search-icon" viewBox="0 0 20 20" aria-hidden="true">
        <circle cx="8.5" cy="8.5" r="5.5" />
        <path d="M13 13l4.5 4.5" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        aria-label={props.label}
        aria-controls={props.listId}
        aria-expanded={props.count > 0}
        aria-autocomplete="list"
        aria-activedescendant={hasActive ? rowId(props.listId, props.activeIndex) : undefined}
        placeholder={props.placeholder}
        value={props.value}
        autoFocus={props.autoFocus}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => props.onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  )
}
