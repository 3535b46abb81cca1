/**
 * Events that change what the main window shows, kept from the page's start. The window loads a
 * snapshot (getStatus) and its views subscribe only once they mount: an event in between would be
 * lost. Views that merge events idempotently (calls by time, links by id, the latest hotkey state)
 * replay the kept ones when they subscribe, so nothing falls in that gap.
 */
import type { DeskDialEventName, DeskDialEvents } from '../../../shared/ipc-contract'

export const REPLAYED_EVENTS = [
  'callProgress',
  'pendingLink',
  'hotkeyProblem'
] as const satisfies readonly DeskDialEventName[]
export type ReplayedEvent = (typeof REPLAYED_EVENTS)[number]

const MAX_KEPT = 100
let kept: { event: ReplayedEvent; payload: unknown }[] = []
let keeping = false

/** Starts keeping events; call once before the window renders. */
export function keepEventsForReplay(): void {
  if (keeping) return
  keeping = true
  for (const event of REPLAYED_EVENTS) {
    window.deskdial.on(event, (payload) => {
      kept = [...kept, { event, payload }].slice(-MAX_KEPT)
    })
  }
}

/** The kept events of one kind, oldest first. */
export function keptEvents<E extends ReplayedEvent>(event: E): DeskDialEvents[E][] {
  return kept.filter((entry) => entry.event === event).map((entry) => entry.payload as DeskDialEvents[E])
}

/** Drops kept events that must not come back, e.g. a link the user has answered. */
export function forgetKept<E extends ReplayedEvent>(event: E, matches: (payload: DeskDialEvents[E]) => boolean): void {
  kept = kept.filter((entry) => entry.event !== event || !matches(entry.payload as DeskDialEvents[E]))
}
