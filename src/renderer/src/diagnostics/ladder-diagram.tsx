import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { LadderMessage } from '../../../shared/call-ladder'

interface LadderDiagramProps {
  messages: readonly LadderMessage[]
  /** The seq of the message whose raw text is shown, if any. */
  selected: number | undefined
  onSelect(message: LadderMessage): void
}

/** "+1.234 s": how long after the call's first message this one crossed the wire. */
export function offsetText(message: LadderMessage, first: LadderMessage): string {
  return `+${((message.at - first.at) / 1000).toFixed(3)} s`
}

/** What a screen reader says for one arrow: direction, time, first line and its marks. */
function arrowLabel(message: LadderMessage, offset: string): string {
  const way = message.direction === 'sent' ? 'DeskDial to the phone system' : 'The phone system to DeskDial'
  const marks = [message.retransmission ? 'retransmission' : undefined, message.note].filter(Boolean)
  return `${way}, ${offset}: ${message.firstLine}${marks.length ? ` (${marks.join('; ')})` : ''}`
}

/**
 * The call as a ladder: DeskDial's column on the left, the phone system's on the right, one arrow
 * per message in the order they crossed the wire. Each arrow is a button: click it or press Enter
 * to show the message; the arrow keys, Home and End move between arrows.
 */
export function LadderDiagram({ messages, selected, onSelect }: LadderDiagramProps) {
  const [focused, setFocused] = useState(0)
  const arrows = useRef<Array<HTMLButtonElement | null>>([])
  const first = messages[0]

  // The diagram appears once the messages have loaded, after the dialog placed the focus: take it.
  useEffect(() => {
    arrows.current[0]?.focus()
  }, [])

  function onKeyDown(event: KeyboardEvent<HTMLOListElement>) {
    const last = messages.length - 1
    const next = {
      ArrowDown: focused + 1,
      ArrowRight: focused + 1,
      ArrowUp: focused - 1,
      ArrowLeft: focused - 1,
      Home: 0,
      End: last
    }[event.key]
    if (next === undefined) return
    event.preventDefault()
    const index = Math.max(0, Math.min(last, next))
    setFocused(index)
    arrows.current[index]?.focus()
  }

  return (
    <div className="ladder">
      <div className="ladder-heads" aria-hidden="true">
        <span className="ladder-head">DeskDial</span>
        <span className="ladder-head">Phone system</span>
      </div>
      <ol
        className="ladder-arrows"
        aria-label="SIP messages, oldest first: arrow keys move, Enter shows the message"
        onKeyDown={onKeyDown}
      >
        {messages.map((message, index) => {
          const offset = offsetText(message, first)
          const classes = [
            'ladder-arrow',
            message.direction,
            message.retransmission ? 'retransmission' : '',
            message.note ? 'made-up' : ''
          ]
            .filter(Boolean)
            .join(' ')
          return (
            <li key={message.seq}>
              <button
                ref={(element) => {
                  arrows.current[index] = element
                }}
                type="button"
                className={classes}
                tabIndex={index === focused ? 0 : -1}
                aria-pressed={message.seq === selected}
                aria-label={arrowLabel(message, offset)}
                onFocus={() => setFocused(index)}
                onClick={() => onSelect(message)}
              >
                <span className="ladder-offset">{offset}</span>
                <span className="ladder-lane">
                  <span className="ladder-label">
                    {message.firstLine}
                    {message.retransmission && <span className="ladder-tag">retransmission</span>}
                    {message.note && <span className="ladder-tag">made up by DeskDial</span>}
                  </span>
                  <span className="ladder-shaft" />
                </span>
              </button>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
