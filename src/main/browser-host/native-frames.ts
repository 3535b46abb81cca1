/**
 * Native messaging frames: a 4-byte length in the machine's byte order, then that many bytes of
 * UTF-8 JSON. {@link FrameReader} takes the browser's bytes as they come and yields each message,
 * or the one problem that ends the conversation (a frame too long or empty, cut short, or not JSON).
 */
import { endianness } from 'node:os'
import { MAX_MESSAGE_BYTES } from '../browser-relay/relay-address'

const LITTLE_ENDIAN = endianness() === 'LE'

export type FrameEvent = { kind: 'message'; message: unknown } | { kind: 'bad-frame'; error: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

export class FrameReader {
  #buffer = Buffer.alloc(0)
  #broken = false

  /** The messages (and at most one problem, which is last) that `chunk` completes. */
  push(chunk: Buffer): FrameEvent[] {
    if (this.#broken) return []
    this.#buffer = Buffer.concat([this.#buffer, chunk])
    const events: FrameEvent[] = []
    while (this.#buffer.length >= 4) {
      const length = LITTLE_ENDIAN ? this.#buffer.readUInt32LE(0) : this.#buffer.readUInt32BE(0)
      if (length === 0 || length > MAX_MESSAGE_BYTES) {
        events.push(
          this.#break(`A message of ${length} bytes: DeskDial takes messages of 1 to ${MAX_MESSAGE_BYTES} bytes.`)
        )
        return events
      }
      if (this.#buffer.length < 4 + length) break
      const body = this.#buffer.subarray(4, 4 + length)
      this.#buffer = this.#buffer.subarray(4 + length)
      try {
        events.push({ kind: 'message', message: JSON.parse(utf8.decode(body)) })
      } catch {
        events.push(this.#break('The message is not UTF-8 JSON.'))
        return events
      }
    }
    return events
  }

  /** The input has ended: a frame begun but not finished is a problem. */
  end(): FrameEvent[] {
    if (this.#broken || this.#buffer.length === 0) return []
    return [this.#break(`The input ended ${this.#buffer.length} bytes into a message: its length was wrong.`)]
  }

  #break(error: string): FrameEvent {
    this.#broken = true
    return { kind: 'bad-frame', error }
  }
}

/** One frame holding `message`. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8')
  const header = Buffer.alloc(4)
  if (LITTLE_ENDIAN) header.writeUInt32LE(body.length)
  else header.writeUInt32BE(body.length)
  return Buffer.concat([header, body])
}
