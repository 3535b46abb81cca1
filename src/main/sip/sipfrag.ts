/** A message/sipfrag body (RFC 3420) reduced to what DeskDial needs: its status line. */
export interface SipfragStatus {
  code: number
  reason: string
}

const STATUS_LINE = /^SIP\/2\.0 ([1-6][0-9]{2}) ?([^\r\n]{0,200})/

/** Parses the first line of a NOTIFY body; undefined when it is not a SIP status line. */
export function parseSipfrag(body: string | undefined): SipfragStatus | undefined {
  if (!body) return undefined
  const match = STATUS_LINE.exec(body.trimStart())
  if (!match) return undefined
  return { code: Number(match[1]), reason: match[2].trim() }
}
