import { describe, expect, it } from 'vitest'
import { StreamFramer, type StreamFrame } from '../../../../src/main/sip/transport/stream-framer'

function message(body: string, lengthHeader = 'Content-Length'): string {
  return `NOTIFY sip:deskdial@127.0.0.1 SIP/2.0\r\nCSeq: 2 NOTIFY\r\n${lengthHeader}: ${Buffer.byteLength(body)}\r\n\r\n${body}`
}

/** Feeds `chunks` one push at a time and returns every frame, in order. */
function feed(chunks: (string | Buffer)[], framer = new StreamFramer()): StreamFrame[] {
  return chunks.flatMap((chunk) => framer.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk))
}

function texts(frames: StreamFrame[]): string[] {
  return frames.map((frame) => (frame.kind === 'message' ? frame.text : `<${frame.kind}>`))
}

const SIPFRAG = 'SIP/2.0 180 Ringing\r\n'
const UTF8_BODY = 'Anruf für Jürgen 📞 ok\r\n'

describe('StreamFramer', () => {
  it('cuts one message at exactly Content-Length bytes', () => {
    expect(texts(feed([message(SIPFRAG)]))).toEqual([message(SIPFRAG)])
  })

  it('reassembles a message fed one byte at a time, multi-byte UTF-8 included', () => {
    const bytes = Buffer.from(message(UTF8_BODY))
    const chunks = [...bytes].map((byte) => Buffer.from([byte]))
    expect(texts(feed(chunks))).toEqual([message(UTF8_BODY)])
  })

  it('gives the same two messages whatever byte the stream is split at', () => {
    const stream = Buffer.from(message(UTF8_BODY) + message(SIPFRAG))
    for (let split = 1; split < stream.length; split++) {
      const frames = feed([stream.subarray(0, split), stream.subarray(split)])
      expect(texts(frames), `split at byte ${split}`).toEqual([message(UTF8_BODY), message(SIPFRAG)])
    }
  })

  it('decodes a character whose bytes arrive in different chunks', () => {
    const bytes = Buffer.from(message('é'))
    const frames = feed([bytes.subarray(0, bytes.length - 1), bytes.subarray(bytes.length - 1)])
    expect(texts(frames)).toEqual([message('é')])
  })

  it('returns coalesced messages in order and keeps the incomplete rest', () => {
    const framer = new StreamFramer()
    const third = message('third')
    expect(texts(feed([message('first') + message('second') + third.slice(0, 30)], framer))).toEqual([
      message('first'),
      message('second')
    ])
    expect(texts(feed([third.slice(30)], framer))).toEqual([third])
  })

  it.each([
    ['compact form', 'l'],
    ['upper case', 'CONTENT-LENGTH'],
    ['space before the colon', 'Content-Length ']
  ])('reads Content-Length written in %s', (_case, header) => {
    const stream = message('body', header) + message('next')
    expect(texts(feed([stream]))).toEqual([message('body', header), message('next')])
  })

  it('treats a missing Content-Length as an empty body', () => {
    const bare = 'OPTIONS sip:deskdial@127.0.0.1 SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n'
    expect(texts(feed([bare + message('after')]))).toEqual([bare, message('after')])
  })

  it('turns CRLFCRLF between messages into a ping and swallows a lone CRLF pong', () => {
    expect(texts(feed(['\r\n\r\n' + message('a') + '\r\n' + message('b')]))).toEqual([
      '<ping>',
      message('a'),
      message('b')
    ])
  })

  it('recognises a ping split across chunks and waits on a lone CRLF', () => {
    expect(texts(feed(['\r\n']))).toEqual([])
    expect(texts(feed(['\r', '\n', '\r', '\n']))).toEqual(['<ping>'])
    expect(texts(feed(['\r\n', '\r\n', message('x')]))).toEqual(['<ping>', message('x')])
  })

  it.each([
    [
      'a header section over 64 KiB without CRLFCRLF',
      ['INVITE sip:x SIP/2.0\r\n' + 'X-Pad: y\r\n'.repeat(7000)],
      /header section/
    ],
    [
      'a Content-Length that is not a number',
      [message('').replace('Content-Length: 0', 'Content-Length: abc')],
      /not a number/
    ],
    ['a negative Content-Length', [message('').replace('Content-Length: 0', 'Content-Length: -1')], /not a number/],
    [
      'a Content-Length over 1 MiB',
      [message('').replace('Content-Length: 0', 'Content-Length: 1048577')],
      /larger than/
    ],
    ['two different Content-Lengths', [message('ab').replace('\r\n\r\n', '\r\nl: 1\r\n\r\n')], /conflicting/]
  ])('rejects %s and then ignores the rest of the stream', (_case, chunks, reason) => {
    const framer = new StreamFramer()
    const frames = feed(chunks, framer)
    expect(frames).toHaveLength(1)
    expect(frames[0]).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(reason) })
    expect(framer.push(Buffer.from(message('later')))).toEqual([])
  })

  it('hands over the header section of a message whose Content-Length it cannot use, so it can be answered 400', () => {
    const negative = message('').replace('Content-Length: 0', 'Content-Length: -999')
    const frames = feed([`${negative}v=0\r\n`], new StreamFramer())
    expect(frames).toEqual([{ kind: 'invalid', reason: expect.stringMatching(/not a number/), head: negative }])
  })

  it('rejects an endless header section as soon as it passes the limit, even in small pieces', () => {
    const framer = new StreamFramer({ maxHeaderBytes: 1024, maxBodyBytes: 1024 })
    const frames: StreamFrame[] = []
    let pushed = 0
    while (frames.length === 0 && pushed < 10_000) {
      frames.push(...framer.push(Buffer.from('X-Pad: 0123456789\r\n')))
      pushed += 19
    }
    expect(frames[0]?.kind).toBe('invalid')
    expect(pushed).toBeLessThan(1024 + 2 * 19)
  })

  it('accepts a body exactly at the size limit', () => {
    const body = 'x'.repeat(1024)
    const framer = new StreamFramer({ maxHeaderBytes: 1024, maxBodyBytes: 1024 })
    expect(texts(feed([message(body)], framer))).toEqual([message(body)])
  })
})
