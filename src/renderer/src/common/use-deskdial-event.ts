import { useEffect, useRef } from 'react'
import type { DeskDialEventName, DeskDialEvents } from '../../../shared/ipc-contract'

/** Listens to one event from the main process for as long as the component is mounted. */
export function useDeskDialEvent<E extends DeskDialEventName>(event: E, listener: (payload: DeskDialEvents[E]) => void): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => window.deskdial.on(event, (payload) => latest.current(payload)), [event])
}
