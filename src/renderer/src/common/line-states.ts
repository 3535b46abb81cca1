import { useEffect, useSyncExternalStore } from 'react'
import type { LineState, LineStatus } from '../../../shared/line-state'

/** What a dot says to screen readers, and the words in the window. */
export const LINE_WORDS: Record<LineState, string> = {
  idle: 'free',
  ringing: 'ringing',
  dialing: 'busy',
  'in-call': 'busy',
  unknown: 'unknown'
}

/** The main process watches at most this many shown lines (besides the desk phone). */
const MAX_SHOWN = 99
/** Rows mount and unmount in bursts while scrolling: ask once they settle. */
const SHOW_DELAY_MS = 50

const states = new Map<string, LineStatus>()
const listeners = new Set<() => void>()
/** The numbers whose dots are on screen now, with how many dots each. */
const onScreen = new Map<string, number>()
let showTimer: ReturnType<typeof setTimeout> | undefined
let started = false

function remember(status: LineStatus): void {
  states.set(status.number, status)
  listeners.forEach((listener) => listener())
}

/** Hears the main process once per window: each change, and what it knew before this window asked. */
function start(): void {
  if (started) return
  started = true
  window.deskdial.on('lineState', remember)
  void window.deskdial.getStatus().then((status) => {
    status.lines.forEach(remember)
    if (status.deskPhone) remember(status.deskPhone)
  })
}

/** Tells the main process which numbers the window shows now, once the rows have settled. */
function showSoon(): void {
  if (showTimer !== undefined) return
  showTimer = setTimeout(() => {
    showTimer = undefined
    const numbers = [...onScreen.keys()].slice(-MAX_SHOWN)
    if (numbers.length > 0) void window.deskdial.showLines(numbers).then((known) => known.forEach(remember))
  }, SHOW_DELAY_MS)
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The state of `number`'s line while the component is on screen. With `show` (the default) the
 * number counts as shown, so the main process watches it; the desk phone is watched anyway.
 */
export function useLineState(number: string | undefined, show = true): LineStatus | undefined {
  useEffect(() => {
    start()
    if (!show || !number) return
    onScreen.set(number, (onScreen.get(number) ?? 0) + 1)
    showSoon()
    return () => {
      const count = (onScreen.get(number) ?? 1) - 1
      if (count > 0) onScreen.set(number, count)
      else onScreen.delete(number)
    }
  }, [number, show])
  return useSyncExternalStore(subscribe, () => (number ? states.get(number) : undefined))
}
