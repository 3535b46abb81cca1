import { useCallback, useRef, useState } from 'react'
import { isFinalCallState, type CallProgress } from '../../../shared/call-progress'
import type { DialPreview } from '../../../shared/ipc-contract'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { placeCall } from './place-call'

/** What the card of one call shows besides its live progress. */
export interface CallLabel {
  /** "Calling 9 0201 555 0123": the number as the phone system receives it. */
  display?: string
  contactName?: string
}

export interface Calls {
  calls: CallProgress[]
  labels: Record<string, CallLabel>
  /** A sentence about the last dial that could not start; cleared by the next dial. */
  dialError?: string
  /** The sentence screen readers announce for the latest change. */
  announcement: string
  /** True while a dial is being previewed and sent. */
  dialling: boolean
  dial(target: string, contactId?: string): Promise<boolean>
  dismiss(callId: string): void
  clearDialError(): void
  /** Remember how to label a call that started elsewhere (e.g. a confirmed link). */
  label(callId: string, preview: DialPreview): void
}

function labelOf(preview: DialPreview): CallLabel {
  return preview.ok ? { display: preview.display, contactName: preview.contact?.name } : {}
}

/** The live calls of this session, newest first: those the main process had at start, then its events. */
export function useCalls(initial: CallProgress[], onFinished: () => void): Calls {
  const [calls, setCalls] = useState<CallProgress[]>(() => [...initial].sort((a, b) => b.at - a.at))
  const [labels, setLabels] = useState<Record<string, CallLabel>>({})
  const [dialError, setDialError] = useState<string>()
  const [announcement, setAnnouncement] = useState('')
  const [dialling, setDialling] = useState(false)
  const dismissed = useRef(new Set<string>())

  useDeskDialEvent('callProgress', (progress) => {
    if (dismissed.current.has(progress.id)) return
    setCalls((current) => merge(current, progress))
    const name = labels[progress.id]?.contactName ?? progress.target
    setAnnouncement(`${name}: ${progress.reason}`)
    if (isFinalCallState(progress.state)) onFinished()
  })

  const label = useCallback((callId: string, preview: DialPreview) => {
    setLabels((current) => ({ ...current, [callId]: labelOf(preview) }))
  }, [])

  const dial = useCallback(
    async (target: string, contactId?: string) => {
      setDialError(undefined)
      setDialling(true)
      const placed = await placeCall(target, contactId)
      setDialling(false)
      if (!placed.ok) {
        setDialError(placed.error)
        setAnnouncement(placed.error)
        return false
      }
      label(placed.callId, placed.preview)
      setAnnouncement(placed.preview.display)
      return true
    },
    [label]
  )

  const dismiss = useCallback((callId: string) => {
    dismissed.current.add(callId)
    setCalls((current) => current.filter((call) => call.id !== callId))
    void window.deskdial.dismissCall(callId)
  }, [])

  const clearDialError = useCallback(() => setDialError(undefined), [])

  return { calls, labels, dialError, announcement, dialling, dial, dismiss, clearDialError, label }
}

/** Progress can arrive before `dial` resolves, and a late event must never move a call backwards. */
function merge(calls: CallProgress[], progress: CallProgress): CallProgress[] {
  const existing = calls.find((call) => call.id === progress.id)
  if (!existing) return [progress, ...calls]
  if (existing.at > progress.at || isFinalCallState(existing.state)) return calls
  return calls.map((call) => (call.id === progress.id ? progress : call))
}
