import { useEffect, useRef, useState, type FormEvent } from 'react'
import { CallCards } from './call-cards'
import type { Calls } from './use-calls'

interface CallsViewProps {
  calls: Calls
  /** Changes whenever Ctrl+D asks for the number field. */
  focusNumber: number
  showMessages(callId: string, title: string): void
}

/** Dial any number, and follow every call of this session. */
export function CallsView({ calls, focusNumber, showMessages }: CallsViewProps) {
  const [number, setNumber] = useState('')
  const numberField = useRef<HTMLInputElement>(null)

  useEffect(() => {
    numberField.current?.focus()
  }, [focusNumber])

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (number.trim() === '') return
    if (await calls.dial(number.trim())) setNumber('')
  }

  return (
    <div className="view calls-view">
      <header className="view-header">
        <h1>Calls</h1>
      </header>
      <form className="dial-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="dial-number">Number to call</label>
        <div className="dial-form-row">
          <input
            ref={numberField}
            id="dial-number"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            placeholder="e.g. +1 201 555 0123 or 1002"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
          <button type="submit" className="primary" disabled={calls.dialling || number.trim() === ''}>
            {calls.dialling ? 'Calling…' : 'Call'}
          </button>
        </div>
        <p className="hint">Your desk phone rings first; pick it up and DeskDial connects you.</p>
      </form>
      <CallCards calls={calls} showMessages={showMessages} />
      {calls.calls.length === 0 && !calls.dialError && <p className="empty-state">No calls yet in this session.</p>}
    </div>
  )
}
