import { useMemo, useState } from 'react'

/** The state a search box shares with the list it filters: the query, the matches and the active row. */
export interface SearchList<T> {
  query: string
  matches: T[]
  activeIndex: number
  setActive(index: number): void
  /** Props for SearchField: typing filters and moves the active row back to the top. */
  searchProps: {
    value: string
    onChange(value: string): void
    listId: string
    count: number
    activeIndex: number
    onActiveChange(index: number): void
  }
}

/** `matches` must be a stable function (declared at module level). */
export function useSearchList<T>(
  listId: string,
  items: readonly T[] | undefined,
  matches: (item: T, query: string) => boolean
): SearchList<T> {
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const found = useMemo(() => (items ?? []).filter((item) => matches(item, query)), [items, matches, query])
  const activeIndex = Math.min(active, found.length - 1)
  const onChange = (value: string) => {
    setQuery(value)
    setActive(0)
  }
  return {
    query,
    matches: found,
    activeIndex,
    setActive,
    searchProps: { value: query, onChange, listId, count: found.length, activeIndex, onActiveChange: setActive }
  }
}
