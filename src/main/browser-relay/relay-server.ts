/**
 * The app's end of the browser connection: a local socket (Unix socket of mode 0600 in the data
 * folder, or a named pipe on Windows) where `deskdial browser-host` brings each of the extension's
 * messages as one JSON line. Each message is checked against the schema before it reaches
 * DeskDial, and answered with one JSON line; a connection that says nothing is closed after
 * {@link BrowserRelayOptions.idleTimeoutMs}.
 */
import { chmod, unlink } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { browserRequestSchema, type BrowserAnswer } from '../../shared/browser-messages'
import type { BrowserDialTarget } from './browser-dial-target'
import { MAX_MESSAGE_BYTES } from './relay-address'

export interface BrowserRelayOptions {
  address: string
  target: BrowserDialTarget
  log: (level: 'info' | 'warn' | 'error', message: string) => void
  idleTimeoutMs?: number
}

export class BrowserRelay {
  readonly #options: BrowserRelayOptions
  readonly #server: Server
  readonly #sockets = new Set<Socket>()

  constructor(options: BrowserRelayOptions) {
    this.#options = options
    this.#server = createServer((socket) => this.#connected(socket))
  }

  /** Listens; a socket file left by an app that did not stop cleanly is replaced. */
  async start(): Promise<void> {
    const unix = !this.#options.address.startsWith('\\\\')
    if (unix) await unlink(this.#options.address).catch(() => undefined)
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(this.#options.address, () => {
        this.#server.off('error', reject)
        resolve()
      })
    })
    if (unix) await chmod(this.#options.address, 0o600)
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  #connected(socket: Socket): void {
    this.#sockets.add(socket)
    socket.on('close', () => this.#sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.setTimeout(this.#options.idleTimeoutMs ?? 30_000, () => socket.destroy())
    socket.setEncoding('utf8')
    let received = ''
    const onData = (chunk: string) => {
      received += chunk
      const end = received.indexOf('\n')
      if (end < 0 && received.length <= MAX_MESSAGE_BYTES) return
      socket.off('data', onData)
      const line = end < 0 ? undefined : received.slice(0, end)
      void this.#answer(line).then((answer) => socket.end(JSON.stringify(answer) + '\n'))
    }
    socket.on('data', onData)
  }

  async #answer(line: string | undefined): Promise<BrowserAnswer> {
    if (line === undefined) return badMessage('The message is longer than 1 MiB.')
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      return badMessage('The message is not JSON.')
    }
    const parsed = browserRequestSchema.safeParse(json)
    if (!parsed.success)
      return badMessage(`DeskDial does not understand this message: ${parsed.error.issues[0]?.message}`)
    const request = parsed.data
    try {
      if (request.type === 'status') return { ok: true, type: 'status', ...(await this.#options.target.status()) }
      this.#options.log('info', `The browser asks to call ${request.number} from ${request.origin}.`)
      return { ok: true, type: 'dial', ...(await this.#options.target.dial(request.number, request.origin)) }
    } catch (error) {
      this.#options.log('error', `Answering the browser failed: ${(error as Error).message}`)
      return { ok: false, problem: 'no-answer', error: `DeskDial could not do this: ${(error as Error).message}` }
    }
  }
}

function badMessage(error: string): BrowserAnswer {
  return { ok: false, problem: 'bad-message', error }
}
