/**
 * SIPp here is built without TLS: this is the TLS server the client talks to, on loopback, with a
 * real certificate; it forwards the plaintext of each TLS connection to SIPp over its own TCP
 * connection, and back.
 */
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import tls from 'node:tls'

export interface TlsTerminatorOptions {
  serverPort: number
  certFile: string
  keyFile: string
}

export interface TlsTerminator {
  readonly port: number
  /** TLS handshakes that completed. */
  readonly secureConnections: number
  close(): Promise<void>
}

export async function startTlsTerminator(options: TlsTerminatorOptions): Promise<TlsTerminator> {
  const [cert, key] = await Promise.all([readFile(options.certFile), readFile(options.keyFile)])
  const sockets = new Set<net.Socket>()
  let secureConnections = 0
  const track = (socket: net.Socket): void => {
    sockets.add(socket)
    socket.on('error', () => undefined)
    socket.on('close', () => sockets.delete(socket))
  }

  const server = tls.createServer({ cert, key }, (secure) => {
    secureConnections++
    track(secure)
    const upstream = net.connect(options.serverPort, '127.0.0.1')
    track(upstream)
    secure.pipe(upstream)
    upstream.pipe(secure)
    secure.on('close', () => upstream.destroy())
    upstream.on('close', () => secure.destroy())
  })
  server.on('tlsClientError', () => undefined)
  server.on('connection', track)
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))

  return {
    port: (server.address() as net.AddressInfo).port,
    get secureConnections() {
      return secureConnections
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
