import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'
import { moveActiveRow } from './list-keys'

interface VirtualListProps<T> {
  id: string
  label: string
  items: readonly T[]
  rowHeight: number
  activeIndex: number
  onActiveChange(index: number): void
  /** Enter (without Alt, which goes to `onKeyDown`) on the active row, or a double click. */
  onActivate(item: T, index: number): void
  onKeyDown?(event: KeyboardEvent<HTMLDivElement>, item: T | undefined): void
  itemKey(item: T): string
  renderRow(item: T, index: number): ReactNode
  empty: ReactNode
}

/** The id of a row's element, for aria-activedescendant on a search box driving the list. */
export function rowId(listId: string, index: number): string {
  return `${listId}-row-${index}`
}

const OVERSCAN_ROWS = 6

/**
 * A listbox that renders only the rows in view (plus a few either side), so thousands of
 * contacts scroll as smoothly as ten. Rows have one fixed height.
 */
export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight, activeIndex } = props
  const viewport = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const [height, setHeight] = useState(0)

  useLayoutEffect(() => {
    const element = viewport.current
    if (!element) return
    const observer = new ResizeObserver(() => setHeight(element.clientHeight))
    observer.observe(element)
    setHeight(element.clientHeight)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    const element = viewport.current
    if (!element || activeIndex < 0) return
    const top = activeIndex * rowHeight
    if (top < element.scrollTop) element.scrollTop = top
    else if (top + rowHeight > element.scrollTop + element.clientHeight)
      element.scrollTop = top + rowHeight - element.clientHeight
  }, [activeIndex, rowHeight])

  const pageSize = Math.max(1, Math.floor(height / rowHeight))
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN_ROWS)
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN_ROWS)
  const visible = items.slice(first, last)

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (moveActiveRow(event, items.length, activeIndex, pageSize, props.onActiveChange)) return
    const item = items[activeIndex]
    if (event.key === 'Enter' && !event.altKey && item !== undefined) {
      event.preventDefault()
      props.onActivate(item, activeIndex)
      return
    }
    props.onKeyDown?.(event, item)
  }

  return (
    <div
      ref={viewport}
      id={props.id}
      className="virtual-list"
      role="listbox"
      aria-label={props.label}
      tabIndex={items.length > 0 ? 0 : -1}
      aria-activedescendant={activeIndex >= 0 && activeIndex < items.length ? rowId(props.id, activeIndex) : undefined}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      {items.length === 0 ? (
        <div className="virtual-list-empty">{props.empty}</div>
      ) : (
        <div className="virtual-list-canvas" style={{ height: items.length * rowHeight }}>
          {visible.map((item, offset) => {
            const index = first + offset
            return (
              <div
                key={props.itemKey(item)}
                id={rowId(props.id, index)}
                role="option"
                aria-selected={index === activeIndex}
                aria-setsize={items.length}
                aria-posinset={index + 1}
                className="virtual-list-row"
                style={{ height: rowHeight, transform: `translateY(${index * rowHeight}px)` }}
                onMouseDown={() => props.onActiveChange(index)}
                onDoubleClick={() => props.onActivate(item, index)}
              >
                {props.renderRow(item, index)}
              </div>
            )
          })}
        </div>
      )}
    </div>
  )
}
