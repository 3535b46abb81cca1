import net from 'node:net'
import { readFile } from 'node:fs/promises'
import tls from 'node:tls'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TransportError, type SipTransportOptions } from '../../../../src/main/sip/transport'
import { makeTestCertificates, type TestCertificates } from '../../../support/tls-certs'
import {
  cleanupStack,
  recordingTransport,
  sipRequest,
  sipResponse,
  startServer,
  topVia,
  VIA_HOST,
  waitUntil,
  type TestServer
} from './transport-test-kit'

let certificates: TestCertificates
let server: TestServer

beforeAll(async () => {
  certificates = await makeTestCertificates()
  const [key, cert] = await Promise.all([readFile(certificates.keyFile), readFile(certificates.certFile)])
  // The phone system answers each request with a 200, as a registrar would.
  const phoneSystem = tls.createServer({ key, cert }, (socket) =>
    socket.on('data', (chunk) => socket.write(sipResponse(chunk.toString(), 200)))
  )
  // Failed handshakes are the point of some tests; the server just drops those clients.
  phoneSystem.on('tlsClientError', () => {})
  server = await startServer(phoneSystem)
})

afterAll(async () => {
  await server?.close()
  await certificates?.cleanup()
})

const cleanups = cleanupStack()
afterEach(cleanups.run)

function tlsTransport(options: Partial<SipTransportOptions> = {}) {
  const recording = recordingTransport({
    protocol: 'tls',
    host: '127.0.0.1',
    port: server.port,
    keepAliveSeconds: 0,
    ...options
  })
  cleanups.defer(() => recording.transport.dispose())
  return recording
}

async function connectFailure(options: Partial<SipTransportOptions>): Promise<TransportError> {
  const { transport } = tlsTransport(options)
  const error = await transport.connect().then(
    () => undefined,
    (failure: unknown) => failure
  )
  expect(error).toBeInstanceOf(TransportError)
  expect(transport.state).toBe('Disconnected')
  return error as TransportError
}

describe('NodeSipTransport over TLS', () => {
  it(
    'connects when the server certificate is signed by the CA in caFile, and exchanges messages',
    { timeout: 5000 },
    async () => {
      const { transport, messages } = tlsTransport({ caFile: certificates.caFile })
      await transport.connect()

      await transport.send(sipRequest({ protocol: 'TLS', branch: 'z9hG4bKtls' }))
      await waitUntil(() => messages.length === 1)

      expect(transport.protocol).toBe('TLS')
      // Nothing listens over TLS: Contact and Via name the connection's own port.
      expect(server.sockets.map((socket) => socket.remotePort)).toContain(transport.localPort)
      expect(topVia(messages[0])).toBe(`Via: SIP/2.0/TLS ${VIA_HOST};branch=z9hG4bKtls;rport;received=127.0.0.1`)
    }
  )

  it('refuses a server whose CA is not trusted, telling the user to add the CA', { timeout: 5000 }, async () => {
    const error = await connectFailure({})

    expect(error.code).toBe('tls-untrusted')
    expect(error.message).toMatch(
      /^The phone system's certificate is not trusted \(.+\)\. Add the CA that signed it in Settings \(CA file\)\.$/
    )
  })

  it('refuses a certificate that does not carry the expected name', { timeout: 5000 }, async () => {
    const error = await connectFailure({ caFile: certificates.caFile, servername: 'wrong.example' })

    expect(error.code).toBe('tls-name-mismatch')
    expect(error.message).toContain('"wrong.example"')
  })

  it('explains an unreadable CA file', { timeout: 5000 }, async () => {
    const error = await connectFailure({ caFile: `${certificates.dir}/missing.pem` })

    expect(error.code).toBe('tls-untrusted')
    expect(error.message).toContain('missing.pem" could not be read (ENOENT)')
  })

  it('explains a CA file that is a folder instead of reading it', { timeout: 5000 }, async () => {
    const error = await connectFailure({ caFile: certificates.dir })

    expect(error.code).toBe('tls-untrusted')
    expect(error.message).toBe(
      `The CA file "${certificates.dir}" cannot be used: it is a folder, not a file. Choose the PEM file with the CA certificate in Settings.`
    )
  })

  it('times out against a server that accepts but never completes the handshake', { timeout: 5000 }, async () => {
    const silent = await startServer(net.createServer((socket) => socket.resume()))
    cleanups.defer(silent.close)

    const error = await connectFailure({ port: silent.port, caFile: certificates.caFile, connectTimeoutMs: 200 })

    expect(error.code).toBe('timeout')
    expect(error.message).toBe(
      `Could not reach the phone system at 127.0.0.1:${silent.port} over TLS: it did not answer within 0.2 seconds. Check the server address, port and transport, and that no firewall blocks them.`
    )
    await waitUntil(
      () => silent.sockets.every((socket) => socket.readableEnded || socket.destroyed),
      2000,
      'the abandoned socket to close'
    )
  })
})
