/**
 * Cuts a TCP/TLS byte stream into whole SIP messages (RFC 3261 18.3): headers up to CRLFCRLF,
 * then exactly Content-Length bytes of body, decoded as UTF-8 only after cutting so a multi-byte
 * character split across reads survives. CRLFs between messages are RFC 5626 keep-alives.
 */

export type StreamFrame =
  | { kind: 'message'; text: string }
  /** The peer sent a CRLFCRLF keep-alive ping; it expects a CRLF pong. */
  | { kind: 'ping' }
  /**
   * The stream cannot be SIP; the framer is spent and the connection should be closed. `head` is
   * the message's header section when only its Content-Length was unacceptable, so the request
   * can still be answered (400) as it would be over UDP before the connection closes.
   */
  | { kind: 'invalid'; reason: string; head?: string }

export interface StreamFramerLimits {
  maxHeaderBytes: number
  maxBodyBytes: number
}

export const DEFAULT_FRAMER_LIMITS: StreamFramerLimits = { maxHeaderBytes: 64 * 1024, maxBodyBytes: 1024 * 1024 }

const CR = 0x0d
const LF = 0x0a
const HEADER_END = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = /^(?:content-length|l)[ \t]*:(.*)$/i

export class StreamFramer {
  private readonly limits: StreamFramerLimits
  /** Unconsumed bytes live in buffer[start, end); the buffer grows by doubling so 1-byte reads stay linear. */
  private buffer = Buffer.alloc(4096)
  private start = 0
  private end = 0
  /** Where to resume the CRLFCRLF search, relative to `start`, so each byte is scanned about once. */
  private scannedTo = 0
  /** Total length of the message at `start` once its headers are complete. */
  private messageLength: number | undefined
  private failed = false

  constructor(limits: StreamFramerLimits = DEFAULT_FRAMER_LIMITS) {
    this.limits = limits
  }

  /** Feeds bytes read from the socket; returns what they completed, in order. */
  push(chunk: Buffer): StreamFrame[] {
    if (this.failed) return []
    this.append(chunk)
    const frames: StreamFrame[] = []
    for (;;) {
      const frame = this.nextFrame()
      if (!frame) break
      frames.push(frame)
      if (frame.kind === 'invalid') {
        this.failed = true
        this.buffer = Buffer.alloc(0)
        this.start = this.end = 0
        break
      }
    }
    return frames
  }

  private nextFrame(): StreamFrame | undefined {
    if (this.messageLength === undefined) {
      let keepAlive = this.takeKeepAlive()
      while (keepAlive === 'pong') keepAlive = this.takeKeepAlive()
      if (keepAlive === 'ping') return { kind: 'ping' }
      if (keepAlive === 'partial' || this.start === this.end) return undefined
      const pending = this.buffer.subarray(this.start, this.end)
      const headerEnd = pending.indexOf(HEADER_END, this.scannedTo)
      const headerBytes = headerEnd === -1 ? pending.length : headerEnd
      if (headerBytes > this.limits.maxHeaderBytes) {
        return { kind: 'invalid', reason: `header section longer than ${this.limits.maxHeaderBytes} bytes` }
      }
      if (headerEnd === -1) {
        this.scannedTo = Math.max(0, pending.length - (HEADER_END.length - 1))
        return undefined
      }
      const bodyLength = this.readContentLength(pending.toString('latin1', 0, headerEnd))
      if (typeof bodyLength === 'string') {
        return { kind: 'invalid', reason: bodyLength, head: pending.toString('utf8', 0, headerEnd + HEADER_END.length) }
      }
      this.messageLength = headerEnd + HEADER_END.length + bodyLength
    }
    if (this.end - this.start < this.messageLength) return undefined
    const text = this.buffer.toString('utf8', this.start, this.start + this.messageLength)
    this.start += this.messageLength
    this.messageLength = undefined
    this.scannedTo = 0
    return { kind: 'message', text }
  }

  /**
   * Consumes CRLFs before a message: CRLFCRLF is a ping; a lone CRLF is a pong to our ping (or
   * padding, which RFC 3261 7.5 says to ignore). A prefix of CRLFCRLF at the end waits for more bytes.
   */
  private takeKeepAlive(): 'ping' | 'pong' | 'partial' | 'none' {
    const available = this.end - this.start
    const byte = (offset: number): number => this.buffer[this.start + offset]
    if (available === 0 || byte(0) !== CR) return 'none'
    if (available === 1) return 'partial'
    if (byte(1) !== LF) return 'none'
    if (available === 2) return 'partial'
    if (byte(2) !== CR) return this.consume(2, 'pong')
    if (available === 3) return 'partial'
    return byte(3) === LF ? this.consume(4, 'ping') : this.consume(2, 'pong')
  }

  private consume<T>(bytes: number, result: T): T {
    this.start += bytes
    return result
  }

  /** Body length in bytes, or why the header section is unacceptable. Streams require the header; absent means 0. */
  private readContentLength(headers: string): number | string {
    let length: number | undefined
    for (const line of headers.split('\r\n').slice(1)) {
      const match = CONTENT_LENGTH.exec(line)
      if (!match) continue
      const value = match[1].trim()
      if (!/^\d{1,10}$/.test(value)) return `Content-Length "${value.slice(0, 20)}" is not a number`
      const parsed = Number(value)
      if (length !== undefined && parsed !== length) return 'conflicting Content-Length headers'
      length = parsed
    }
    if (length !== undefined && length > this.limits.maxBodyBytes) {
      return `Content-Length ${length} is larger than ${this.limits.maxBodyBytes} bytes`
    }
    return length ?? 0
  }

  private append(chunk: Buffer): void {
    const pending = this.end - this.start
    if (pending + chunk.length > this.buffer.length - this.start) {
      let capacity = this.buffer.length
      while (capacity < pending + chunk.length) capacity *= 2
      const next = capacity === this.buffer.length ? this.buffer : Buffer.alloc(capacity)
      this.buffer.copy(next, 0, this.start, this.end)
      this.buffer = next
      this.start = 0
      this.end = pending
    }
    chunk.copy(this.buffer, this.end)
    this.end += chunk.length
  }
}
