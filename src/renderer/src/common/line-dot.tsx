import { LINE_WORDS, useLineState } from './line-states'

/** A coloured dot beside a person: free, ringing, busy, or grey for unknown; nothing until the line is heard of. */
export function LineDot({ number }: { number: string }) {
  const line = useLineState(number === '' ? undefined : number)
  if (!line) return null
  const words = LINE_WORDS[line.state]
  return (
    <span className={`line-dot line-${line.state}`} role="img" aria-label={words} title={words} data-line={words} />
  )
}

/** A call button's words: "Call", or "Call (busy)" while the line is busy or ringing (the user may still call). */
export function CallWords({ number }: { number: string }) {
  const line = useLineState(number === '' ? undefined : number)
  const busy = line !== undefined && line.state !== 'idle' && line.state !== 'unknown'
  return <>{busy ? `Call (${LINE_WORDS[line.state]})` : 'Call'}</>
}
