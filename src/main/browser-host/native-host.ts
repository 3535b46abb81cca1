/**
 * `deskdial browser-host` as the browser starts it: reads native messaging frames from `input`,
 * relays each message to the running app and writes the app's answer as a frame to `output`, in
 * order. A bad frame gets an error answer and ends the host (exit code 1); so does an input that
 * ends part-way through a frame. The host ends with its input.
 */
import type { Readable, Writable } from 'node:stream'
import type { BrowserAnswer } from '../../shared/browser-messages'
import { FrameReader, frame, type FrameEvent } from './native-frames'
import { askApp } from './relay-client'

export interface NativeHostOptions {
  input: Readable
  output: Writable
  /** The app's local socket or named pipe. */
  address: string
  /** How long the app may take to answer one message (a dial waits for the phone system's first answer). */
  timeoutMs: number
}

export function runNativeHost(options: NativeHostOptions): Promise<number> {
  const reader = new FrameReader()
  let work = Promise.resolve(0)
  const answer = (event: FrameEvent): Promise<number> => {
    if (event.kind === 'bad-frame') {
      const refused: BrowserAnswer = { ok: false, problem: 'bad-message', error: event.error }
      return write(options.output, frame(refused)).then(() => 1)
    }
    return askApp(options.address, event.message, options.timeoutMs).then((reply) =>
      write(options.output, frame(reply)).then(() => 0)
    )
  }
  return new Promise((resolve) => {
    const take = (events: FrameEvent[]) => {
      for (const event of events) {
        work = work.then((code) => (code !== 0 ? code : answer(event)))
        if (event.kind === 'bad-frame') {
          options.input.pause()
          void work.then(resolve)
        }
      }
    }
    options.input.on('data', (chunk: Buffer) => take(reader.push(chunk)))
    options.input.on('end', () => {
      take(reader.end())
      void work.then(resolve)
    })
    options.input.on('error', () => void work.then(() => resolve(1)))
  })
}

function write(output: Writable, data: Buffer): Promise<void> {
  return new Promise((resolve) => output.write(data, () => resolve()))
}
