/**
 * Cuts a SIP byte stream (TCP/TLS) into whole messages by Content-Length, so the test proxies can
 * count, hold and filter messages. Deliberately simple: it only ever reads what SIPp and the client
 * under test send, never hostile input.
 */
const HEADER_END = Buffer.from('\r\n\r\n')

export interface SplitStream {
  /** Whole messages, and bare CRLF keep-alives, in stream order. */
  units: Buffer[]
  /** An incomplete message still waiting for bytes. */
  rest: Buffer
}

export function isKeepAlive(unit: Buffer): boolean {
  return unit.toString('latin1').trim() === ''
}

export function splitSipStream(buffer: Buffer): SplitStream {
  const units: Buffer[] = []
  let offset = 0
  while (offset < buffer.length) {
    if (buffer[offset] === 0x0d || buffer[offset] === 0x0a) {
      let end = offset
      while (end < buffer.length && (buffer[end] === 0x0d || buffer[end] === 0x0a)) end++
      units.push(buffer.subarray(offset, end))
      offset = end
      continue
    }
    const headerEnd = buffer.indexOf(HEADER_END, offset)
    if (headerEnd < 0) break
    const head = buffer.subarray(offset, headerEnd).toString('latin1')
    const contentLength = Number(/^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im.exec(head)?.[1] ?? 0)
    const end = headerEnd + HEADER_END.length + contentLength
    if (end > buffer.length) break
    units.push(buffer.subarray(offset, end))
    offset = end
  }
  return { units, rest: buffer.subarray(offset) }
}
