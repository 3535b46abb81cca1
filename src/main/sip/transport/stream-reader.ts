import type { Socket } from 'node:net'
import { StreamFramer } from './stream-framer'

/** RFC 5626: the CRLF that answers a peer's CRLFCRLF ping. */
const PONG = '\r\n'

export interface StreamReaderEvents {
  /** One whole SIP message. */
  onMessage(message: string): void
  /** The stream cannot be SIP: the socket is closing and nothing more is read from it. */
  onInvalid(reason: string): void
}

/**
 * Reads SIP messages from a TCP/TLS socket through a framer of its own, so every connection, the
 * one we open and the ones the phone system opens, gets the same hostile-input limits, and answers
 * keep-alive pings on the socket they came on. Delivers nothing once `reading()` turns false.
 */
export function readSipStream(socket: Socket, events: StreamReaderEvents, reading: () => boolean): void {
  const framer = new StreamFramer()
  socket.on('data', (chunk: Buffer) => {
    for (const frame of framer.push(chunk)) {
      if (!reading()) return
      switch (frame.kind) {
        case 'message':
          events.onMessage(frame.text)
          break
        case 'ping':
          socket.write(PONG)
          break
        case 'invalid':
          if (frame.head !== undefined) events.onMessage(frame.head)
          // Whatever that message's answer wrote is sent before the connection closes.
          socket.end(() => socket.destroy())
          events.onInvalid(frame.reason)
          break
      }
    }
  })
}
