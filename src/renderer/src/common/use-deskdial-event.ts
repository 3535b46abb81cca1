import { useEffect, useRef } from 'react'
import type { DeskDialEventName, DeskDialEvents } from '../../../shared/ipc-contract'
import { keptEvents, REPLAYED_EVENTS, type ReplayedEvent } from './event-replay'

function isReplayed(event: DeskDialEventName): event is ReplayedEvent {
  return (REPLAYED_EVENTS as readonly DeskDialEventName[]).includes(event)
}

/**
 * Listens to one event from the main process for as long as the component is mounted. Events that
 * change shown state (see `event-replay.ts`) that came before the component subscribed are handed
 * to it first, in order, in the same tick as it subscribes, so none is lost in between.
 */
export function useDeskDialEvent<E extends DeskDialEventName>(
  event: E,
  listener: (payload: DeskDialEvents[E]) => void
): void {
  const latest = useRef(listener)
  useEffect(() => {
    latest.current = listener
  })
  useEffect(() => {
    if (isReplayed(event)) for (const payload of keptEvents(event)) latest.current(payload as DeskDialEvents[E])
    return window.deskdial.on(event, (payload) => latest.current(payload))
  }, [event])
}
