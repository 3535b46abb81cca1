/** The host's side of the local socket: one connection per message, one JSON line each way, bounded in time. */
import { connect } from 'node:net'
import type { BrowserAnswer } from '../../shared/browser-messages'
import { MAX_MESSAGE_BYTES } from '../browser-relay/relay-address'

export const APP_NOT_RUNNING =
  'DeskDial is not running, so it cannot call: start DeskDial, then click the number again.'

export function askApp(address: string, message: unknown, timeoutMs: number): Promise<BrowserAnswer> {
  return new Promise((resolve) => {
    const socket = connect(address)
    let received = ''
    let settled = false
    const settle = (answer: BrowserAnswer) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      resolve(answer)
    }
    const timer = setTimeout(
      () =>
        settle({
          ok: false,
          problem: 'no-answer',
          error: `DeskDial did not answer within ${Math.round(timeoutMs / 1000)} s: check that it is not stuck, or restart it.`
        }),
      timeoutMs
    )
    socket.setEncoding('utf8')
    socket.on('connect', () => socket.write(JSON.stringify(message) + '\n'))
    socket.on('data', (chunk: string) => {
      received += chunk
      if (received.length > MAX_MESSAGE_BYTES)
        return settle({ ok: false, problem: 'no-answer', error: 'DeskDial answered with too long a message.' })
      const end = received.indexOf('\n')
      if (end < 0) return
      try {
        settle(JSON.parse(received.slice(0, end)) as BrowserAnswer)
      } catch {
        settle({ ok: false, problem: 'no-answer', error: 'DeskDial answered with a message that is not JSON.' })
      }
    })
    socket.on('error', (error: NodeJS.ErrnoException) =>
      settle(
        error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
          ? { ok: false, problem: 'app-not-running', error: APP_NOT_RUNNING }
          : { ok: false, problem: 'no-answer', error: `DeskDial could not be reached: ${error.message}` }
      )
    )
    socket.on('close', () =>
      settle({ ok: false, problem: 'no-answer', error: 'DeskDial closed the connection without answering.' })
    )
  })
}
