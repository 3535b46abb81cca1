import type { CallProgress } from '../../../shared/call-progress'
import { isFinalCallState } from '../../../shared/call-progress'
import { CALL_STATE_LABEL } from './call-state-words'
import type { Calls } from './use-calls'

interface CallCardsProps {
  calls: Calls
  /** Compact cards sit above the other views; the Calls view shows them full size. */
  compact?: boolean
  /** Opens the ladder diagram of a call's SIP messages. */
  showMessages(callId: string, title: string): void
}

/** The live progress of each dial: what is happening, in words, with dismiss and redial. */
export function CallCards({ calls, compact, showMessages }: CallCardsProps) {
  if (calls.calls.length === 0 && !calls.dialError) return null
  return (
    <section className={`call-cards${compact ? ' compact' : ''}`} aria-label="Calls in progress">
      {calls.dialError && (
        <div className="call-card state-failed" role="alert">
          <div className="call-card-text">
            <p className="call-card-title">The call could not start</p>
            <p className="call-card-reason">{calls.dialError}</p>
          </div>
          <div className="call-card-actions">
            <button type="button" onClick={calls.clearDialError}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      <ul className="call-card-list">
        {calls.calls.map((call) => (
          <CallCard key={call.id} call={call} calls={calls} showMessages={showMessages} />
        ))}
      </ul>
    </section>
  )
}

function CallCard({
  call,
  calls,
  showMessages
}: {
  call: CallProgress
  calls: Calls
  showMessages: CallCardsProps['showMessages']
}) {
  const label = calls.labels[call.id]
  const title = label?.contactName ?? call.target
  const final = isFinalCallState(call.state)
  return (
    <li
      className={`call-card state-${call.state}`}
      data-call-id={call.id}
      data-state={call.state}
      aria-label={`Call to ${title}`}
    >
      <span className={`call-state-badge${final ? '' : ' in-progress'}`}>{CALL_STATE_LABEL[call.state]}</span>
      <div className="call-card-text">
        <p className="call-card-title">
          {title}
          {label?.display && <span className="call-card-display"> · {label.display}</span>}
          {call.from && <span className="call-card-from"> · from {call.from}</span>}
        </p>
        <p className="call-card-reason">{call.reason}</p>
      </div>
      <div className="call-card-actions">
        {final && (
          <button type="button" onClick={() => void calls.dial(call.target)} disabled={calls.dialling}>
            Redial
          </button>
        )}
        <button
          type="button"
          className="quiet"
          onClick={() => showMessages(call.id, title)}
          aria-label={`SIP messages of the call to ${title}`}
        >
          SIP messages
        </button>
        <button type="button" onClick={() => calls.dismiss(call.id)} aria-label={`Dismiss the call to ${title}`}>
          Dismiss
        </button>
      </div>
    </li>
  )
}
