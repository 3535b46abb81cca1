import { useCallback, useEffect, useState } from 'react'
import type { CallRecord } from '../../../shared/call-record'
import { errorText } from '../common/error-text'

export interface History {
  /** Newest first; undefined while the first load runs. */
  records?: CallRecord[]
  loadError?: string
  reload(): Promise<void>
  clear(): Promise<void>
}

/** The persisted call history, reloaded whenever a call ends. */
export function useHistory(): History {
  const [records, setRecords] = useState<CallRecord[]>()
  const [loadError, setLoadError] = useState<string>()

  const reload = useCallback(
    () =>
      window.deskdial.listHistory().then(
        (list) => {
          setRecords([...list].sort((a, b) => b.startedAt - a.startedAt))
          setLoadError(undefined)
        },
        (error: unknown) => setLoadError(`The call history could not be loaded: ${errorText(error)}`)
      ),
    []
  )

  const clear = useCallback(async () => {
    await window.deskdial.clearHistory()
    await reload()
  }, [reload])

  useEffect(() => {
    void reload()
  }, [reload])

  return { records, loadError, reload, clear }
}
