import { once } from 'node:events'
import net, { type AddressInfo, type Server, type Socket } from 'node:net'
import { NodeSipTransport, type SipTransportOptions } from '../../../../src/main/sip/transport'

export const VIA_HOST = 'q4h7c2kd9x1m.invalid'

/** A request as sip.js writes it: Via sent-by is the bare placeholder host. */
export function sipRequest(options: { protocol: string; branch: string; method?: string; body?: string }): string {
  const method = options.method ?? 'OPTIONS'
  const body = options.body ?? ''
  return [
    `${method} sip:desk@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/${options.protocol} ${VIA_HOST};branch=${options.branch};rport`,
    'To: <sip:desk@127.0.0.1>',
    'From: <sip:deskdial@127.0.0.1>;tag=f1',
    `CSeq: 1 ${method}`,
    `Call-ID: call-${options.branch}`,
    'Max-Forwards: 70',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body
  ].join('\r\n')
}

/** The server's answer to `request`: its Via echoed with `received` added, as a real server would. */
export function sipResponse(request: string, status: number, reason = 'OK'): string {
  const header = (name: string): string => {
    const line = request.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    if (!line) throw new Error(`request has no ${name}`)
    return line
  }
  return [
    `SIP/2.0 ${status} ${reason}`,
    `${header('Via')};received=127.0.0.1`,
    header('To') + (status > 100 ? ';tag=t1' : ''),
    header('From'),
    header('CSeq'),
    header('Call-ID'),
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

export function topVia(message: string): string | undefined {
  return message.split('\r\n').find((line) => /^(via|v)\s*:/i.test(line))
}

export function branchOf(message: string): string | undefined {
  return /branch=([^;,\s]+)/.exec(topVia(message) ?? '')?.[1]
}

/** Closers for what a test opened, run last-opened-first so a server outlives the clients that still talk to it. */
export function cleanupStack(): { defer(cleanup: () => Promise<unknown>): void; run(): Promise<void> } {
  const stack: (() => Promise<unknown>)[] = []
  return {
    defer: (cleanup) => {
      stack.push(cleanup)
    },
    run: async () => {
      for (let cleanup = stack.pop(); cleanup; cleanup = stack.pop()) await cleanup()
    }
  }
}

export async function waitUntil(condition: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await delay(5)
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export interface TestServer {
  port: number
  /** Connections accepted so far, open or not. */
  sockets: Socket[]
  close(): Promise<void>
}

/** Listens on a loopback ephemeral port; close() also destroys every accepted connection. */
export async function startServer(server: Server): Promise<TestServer> {
  const sockets: Socket[] = []
  server.on('connection', (socket: Socket) => sockets.push(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    sockets,
    close: async () => {
      const closed = once(server, 'close')
      server.close()
      for (const socket of sockets) socket.destroy()
      await closed
    }
  }
}

/** A phone system on loopback TCP that records every byte each connection sends it; `cleanups` closes it. */
export async function startTcpPeer(
  cleanups: ReturnType<typeof cleanupStack>,
  onConnection: (socket: Socket) => void = () => {}
): Promise<TestServer & { received: () => string }> {
  const chunks: Buffer[] = []
  const server = await startServer(
    net.createServer((socket) => {
      socket.on('data', (chunk) => chunks.push(chunk))
      onConnection(socket)
    })
  )
  cleanups.defer(server.close)
  return { ...server, received: () => Buffer.concat(chunks).toString() }
}

/** A transport with every callback sip.js would set, recording what it saw. */
export function recordingTransport(options: Omit<SipTransportOptions, 'viaHost'> & { viaHost?: string }) {
  const transport = new NodeSipTransport(undefined, { viaHost: VIA_HOST, ...options })
  const messages: string[] = []
  const disconnects: (Error | undefined)[] = []
  const states: string[] = []
  transport.onMessage = (message) => messages.push(message)
  transport.onDisconnect = (error) => disconnects.push(error)
  transport.stateChange.addListener((state) => states.push(state))
  return { transport, messages, disconnects, states }
}
