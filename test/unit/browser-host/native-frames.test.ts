import { describe, expect, it } from 'vitest'
import { FrameReader, frame } from '../../../src/main/browser-host/native-frames'

function header(length: number): Buffer {
  const bytes = Buffer.alloc(4)
  bytes.writeUInt32LE(length)
  return bytes
}

describe('native messaging frames', () => {
  it('reads messages split across chunks and glued together', () => {
    const bytes = Buffer.concat([frame({ type: 'status' }), frame({ type: 'dial', number: '+1 201 555 0123' })])
    const reader = new FrameReader()
    const events = [
      ...reader.push(bytes.subarray(0, 3)),
      ...reader.push(bytes.subarray(3, 25)),
      ...reader.push(bytes.subarray(25))
    ]
    expect(events).toEqual([
      { kind: 'message', message: { type: 'status' } },
      { kind: 'message', message: { type: 'dial', number: '+1 201 555 0123' } }
    ])
    expect(reader.end()).toEqual([])
  })

  it('writes the length in native byte order before UTF-8 JSON', () => {
    const bytes = frame({ n: 'é' })
    expect(bytes.readUInt32LE(0)).toBe(Buffer.byteLength('{"n":"é"}'))
    expect(bytes.subarray(4).toString('utf8')).toBe('{"n":"é"}')
  })

  it.each([
    ['an empty frame', header(0)],
    ['a frame over 1 MiB', header(1024 * 1024 + 1)],
    ['text that is not JSON', Buffer.concat([header(3), Buffer.from('abc')])],
    ['bytes that are not UTF-8', Buffer.concat([header(4), Buffer.from([0x22, 0xff, 0xfe, 0x22])])]
  ])('stops at %s with one problem', (_name, bytes) => {
    const reader = new FrameReader()
    const events = reader.push(Buffer.concat([bytes, frame({ type: 'status' })]))
    expect(events).toEqual([{ kind: 'bad-frame', error: expect.any(String) }])
    expect(reader.push(frame({ type: 'status' }))).toEqual([])
  })

  it('takes a frame of exactly 1 MiB', () => {
    const text = JSON.stringify('x'.repeat(1024 * 1024 - 2))
    const events = new FrameReader().push(Buffer.concat([header(Buffer.byteLength(text)), Buffer.from(text)]))
    expect(events).toEqual([{ kind: 'message', message: 'x'.repeat(1024 * 1024 - 2) }])
  })

  it('reports an input that ends inside a frame', () => {
    const reader = new FrameReader()
    expect(reader.push(frame({ type: 'status' }).subarray(0, 10))).toEqual([])
    expect(reader.end()).toEqual([{ kind: 'bad-frame', error: expect.stringContaining('length was wrong') }])
  })
})
