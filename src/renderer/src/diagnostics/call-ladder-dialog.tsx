import { useEffect, useState } from 'react'
import { callLadderSchema, type CallLadder, type LadderMessage } from '../../../shared/call-ladder'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'
import { CopyDiagnostics } from './copy-diagnostics'
import { LadderDiagram, offsetText } from './ladder-diagram'

interface CallLadderDialogProps {
  callId: string
  /** Who was called, for the title: the contact's name or the number. */
  title: string
  onClose(): void
}

type Loaded = { kind: 'loading' } | { kind: 'failed'; error: string } | { kind: 'ladder'; ladder: CallLadder }

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3
})

/**
 * One call's SIP messages for the phone administrator: the ladder diagram, the raw message of the
 * arrow chosen, and "Copy diagnostics" for the call's report.
 */
export function CallLadderDialog({ callId, title, onClose }: CallLadderDialogProps) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' })
  const [selected, setSelected] = useState<LadderMessage>()

  useEffect(() => {
    let current = true
    window.deskdial.callLadder(callId).then(
      (answer) => {
        const parsed = callLadderSchema.safeParse(answer)
        if (!current) return
        setLoaded(
          parsed.success
            ? { kind: 'ladder', ladder: parsed.data }
            : {
                kind: 'failed',
                error:
                  'DeskDial sent the messages in a shape this window does not know. Restart DeskDial and try again.'
              }
        )
      },
      (error: unknown) =>
        current &&
        setLoaded({
          kind: 'failed',
          error: `DeskDial could not read the SIP messages of this call: ${errorText(error)}`
        })
    )
    return () => {
      current = false
    }
  }, [callId])

  const messages = loaded.kind === 'ladder' ? loaded.ladder.messages : []
  const first = messages[0]

  return (
    <ModalDialog title={`SIP messages of the call to ${title}`} onCancel={onClose} className="ladder-dialog">
      <div className="modal-body">
        {loaded.kind === 'loading' && <p className="muted">Reading the SIP messages…</p>}
        {loaded.kind === 'failed' && (
          <p className="form-error" role="alert">
            {loaded.error}
          </p>
        )}
        {loaded.kind === 'ladder' && first === undefined && (
          <p className="muted">
            The SIP messages of this call are no longer in DeskDial's log: it keeps the last {loaded.ladder.capacity}{' '}
            messages. The report still has the account and the registration history.
          </p>
        )}
        {first && (
          <>
            <p className="hint">
              {first.transport} with the phone system at {first.peer} · Call-ID{' '}
              <span className="ladder-call-id">{callId}</span> · {timeFormat.format(first.at)}
            </p>
            <LadderDiagram messages={messages} selected={selected?.seq} onSelect={setSelected} />
            {selected ? (
              <section
                className="ladder-message"
                aria-label={`Message ${offsetText(selected, first)}: ${selected.firstLine}`}
              >
                <p className="ladder-message-heading">
                  {selected.direction === 'sent'
                    ? `Sent over ${selected.transport} to ${selected.peer}`
                    : `Received over ${selected.transport} from ${selected.peer}`}{' '}
                  at {timeFormat.format(selected.at)} ({offsetText(selected, first)})
                  {selected.retransmission && ' · a retransmission'}
                  {selected.note && ` · ${selected.note}`}
                </p>
                <pre className="ladder-message-text" tabIndex={0}>
                  {selected.text.replace(/\r\n/g, '\n').trimEnd()}
                </pre>
              </section>
            ) : (
              <p className="hint">
                Choose an arrow to see its message as it crossed the wire (passwords and digests are never kept).
              </p>
            )}
          </>
        )}
      </div>
      <div className="modal-actions ladder-actions">
        <CopyDiagnostics
          callId={callId}
          copiedText="Copied this call's diagnostics: paste them into your message to the phone administrator."
        />
        <button type="button" onClick={onClose} data-autofocus>
          Close
        </button>
      </div>
    </ModalDialog>
  )
}
