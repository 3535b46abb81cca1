/**
 * RFC 3261 20.5: `Allow` lists the methods a user agent supports, and DeskDial says so in two
 * places: the REGISTER that tells the phone system where to reach it, and its answer to OPTIONS.
 * Both, read on the wire from a real DeskDial service, must list the same methods.
 */
import dgram from 'node:dgram'
import { once } from 'node:events'
import { afterEach, expect, it } from 'vitest'
import { DeskDialService } from '../../src/main/service/deskdial-service'

const WAIT_MS = 3000

const closers: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (let close = closers.pop(); close; close = closers.pop()) await close()
})

function headers(message: string, name: string): string[] {
  return [...message.matchAll(new RegExp(`^${name}[ \\t]*:[ \\t]*(.*?)\\r?$`, 'gim'))].map((match) => match[1])
}

it("REGISTER's Allow lists the same methods as the answer to OPTIONS", async () => {
  const socket = dgram.createSocket('udp4')
  closers.push(() => new Promise<void>((resolve) => socket.close(() => resolve())))
  socket.bind(0, '127.0.0.1')
  await once(socket, 'listening')
  const received: Array<{ text: string; port: number }> = []
  socket.on('message', (data, from) => received.push({ text: data.toString('utf8'), port: from.port }))
  const next = async (startLine: RegExp): Promise<{ text: string; port: number }> => {
    const deadline = Date.now() + WAIT_MS
    for (;;) {
      const found = received.find((message) => startLine.test(message.text))
      if (found) return found
      if (Date.now() > deadline) throw new Error(`No ${String(startLine)} within ${WAIT_MS} ms`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  const service = new DeskDialService({
    account: {
      servers: [`127.0.0.1:${socket.address().port}`],
      transport: 'udp',
      user: 'deskdial',
      domain: '127.0.0.1',
      line: '1001',
      register: true,
      expires: 600
    }
  })
  closers.push(() => service.stop())
  await service.start()
  const register = await next(/^REGISTER /)

  socket.send(
    [
      'OPTIONS sip:deskdial@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-allow',
      'From: <sip:pbx@127.0.0.1>;tag=pbx',
      'To: <sip:deskdial@127.0.0.1>',
      'Call-ID: allow-check',
      'CSeq: 1 OPTIONS',
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      ''
    ].join('\r\n'),
    register.port,
    '127.0.0.1'
  )
  const options = await next(/^SIP\/2\.0 200 .*\r\n(?:.*\r\n)*CSeq: 1 OPTIONS/)

  const methods = (message: string): string[] =>
    headers(message, 'Allow').flatMap((value) => value.split(',').map((method) => method.trim()))
  expect(headers(register.text, 'Allow')).toHaveLength(1)
  expect(headers(options.text, 'Allow')).toHaveLength(1)
  expect(methods(register.text)).toEqual(methods(options.text))
  expect(methods(options.text)).toContain('NOTIFY')
})
