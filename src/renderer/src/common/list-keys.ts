import type { KeyboardEvent } from 'react'

/** Moves the active row of a list for arrows, Page Up/Down, Home and End; true when the key was handled. */
export function moveActiveRow(
  event: KeyboardEvent,
  count: number,
  active: number,
  pageSize: number,
  setActive: (index: number) => void
): boolean {
  if (count === 0) return false
  const last = count - 1
  const moves: Record<string, number> = {
    ArrowDown: Math.min(active + 1, last),
    ArrowUp: Math.max(active - 1, 0),
    PageDown: Math.min(active + pageSize, last),
    PageUp: Math.max(active - pageSize, 0),
    End: last,
    Home: 0
  }
  // Home and End belong to the text cursor while typing in a search box.
  if ((event.key === 'Home' || event.key === 'End') && event.currentTarget instanceof HTMLInputElement) return false
  if (!(event.key in moves)) return false
  event.preventDefault()
  setActive(moves[event.key])
  return true
}
