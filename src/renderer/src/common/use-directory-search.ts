import { useCallback, useEffect, useRef, useState } from 'react'
import type { DirectoryResult, DirectoryStatus } from '../../../shared/directory-search'
import { errorText } from './error-text'
import { useDeskDialEvent } from './use-deskdial-event'

export interface DirectorySearch {
  /** Undefined until the first answer for the current query. */
  results?: DirectoryResult[]
  status: DirectoryStatus
  error?: string
  /** Asks again for the same query, e.g. after a star changed the ranking. */
  rerun(): void
}

/**
 * Asks the main process's one search for `query` on each change and shows only the latest
 * answer: the first comes at once from the contacts and the directory's offline copy, a second
 * (the `directoryResults` event) when the company directory has answered.
 */
export function useDirectorySearch(query: string, limit: number): DirectorySearch {
  const [results, setResults] = useState<DirectoryResult[]>()
  const [status, setStatus] = useState<DirectoryStatus>({ state: 'off', message: '' })
  const [error, setError] = useState<string>()
  const [round, setRound] = useState(0)
  const latest = useRef(0)
  const asked = useRef(0)

  useEffect(() => {
    const ask = (asked.current += 1)
    window.deskdial.searchDirectory(query, limit).then(
      (answer) => {
        if (ask !== asked.current) return
        latest.current = answer.searchId
        setResults(answer.results)
        setStatus(answer.directory)
        setError(undefined)
      },
      (failure: unknown) => {
        if (ask === asked.current) setError(`DeskDial could not search: ${errorText(failure)}`)
      }
    )
  }, [query, limit, round])

  useDeskDialEvent('directoryResults', (answer) => {
    if (answer.searchId !== latest.current) return
    setResults(answer.results)
    setStatus(answer.directory)
  })
  useDeskDialEvent('directoryStatus', setStatus)

  const rerun = useCallback(() => setRound((value) => value + 1), [])
  return { results, status, error, rerun }
}
