/**
 * What the message log needs to know about a message to group it by call and to recognise a
 * retransmission, read leniently: a message that cannot be read is still logged, just unnamed.
 */

export interface MessageIdentity {
  /** The request line or status line. */
  firstLine: string
  callId: string | undefined
  /** The message's transaction (top Via branch and CSeq) when it has a branch, else undefined. */
  transaction: string | undefined
}

const HEADER_LINE = /^([!-9;-~]+)[ \t]*:[ \t]*(.*?)[ \t]*$/
const BRANCH = /;[ \t]*branch[ \t]*=[ \t]*([^;, \t]+)/i

export function identifyMessage(text: string): MessageIdentity {
  const lines = text.slice(0, headerSectionEnd(text)).split(/\r?\n/)
  const headers = new Map<string, string>()
  for (const line of lines.slice(1)) {
    const header = HEADER_LINE.exec(line)
    if (!header) continue
    const name = canonicalName(header[1])
    if (!headers.has(name)) headers.set(name, header[2])
  }
  const branch = BRANCH.exec(headers.get('via') ?? '')?.[1]
  const cseq = headers.get('cseq')
  return {
    firstLine: lines[0].trim(),
    callId: headers.get('call-id') || undefined,
    transaction: branch && cseq ? `${branch} ${cseq}` : undefined
  }
}

/** Where the headers end: the first empty line, or the end of the text. */
function headerSectionEnd(text: string): number {
  const end = /\r?\n\r?\n/.exec(text)
  return end ? end.index : text.length
}

function canonicalName(name: string): string {
  const lower = name.toLowerCase()
  return lower === 'i' ? 'call-id' : lower === 'v' ? 'via' : lower
}
