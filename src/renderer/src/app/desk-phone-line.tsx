import type { LineStatus } from '../../../shared/line-state'
import { LINE_WORDS, useLineState } from '../common/line-states'

/** "in a call with Anna Weber": the desk phone's state, the other party by name when known. */
export function deskPhoneWords(line: LineStatus): string {
  const other = line.remoteName ?? line.remote
  switch (line.state) {
    case 'in-call':
      return other ? `in a call with ${other}` : 'in a call'
    case 'ringing':
      return other ? `ringing, ${other} is calling` : 'ringing'
    case 'dialing':
      return other ? `calling ${other}` : 'calling'
    case 'idle':
      return 'free'
    case 'unknown':
      return 'state unknown'
  }
}

/** In the status line: "Your desk phone: in a call with Anna Weber"; nothing until the line is heard of. */
export function DeskPhoneLine({ line }: { line: string | undefined }) {
  const status = useLineState(line, false)
  if (!status) return null
  return (
    <p className="desk-phone-line" data-testid="desk-phone-line">
      <span className={`line-dot line-${status.state}`} aria-hidden="true" data-line={LINE_WORDS[status.state]} />
      Your desk phone: {deskPhoneWords(status)}
    </p>
  )
}
