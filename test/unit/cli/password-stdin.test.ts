import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseCli, USAGE, UsageError } from '../../../src/cli/cli-options'
import { MAX_PASSWORD_BYTES, readPasswordLine, type PasswordInput } from '../../../src/cli/password-stdin'

const DIAL = ['dial', '1002', '--server', 'pbx.example.com', '--user', 'deskdial', '--line', '1001']

function piped(...chunks: string[]): PasswordInput {
  return Readable.from(chunks.map((chunk) => Buffer.from(chunk, 'utf8')))
}

describe('readPasswordLine (--password-stdin)', () => {
  it.each([
    ['a line with a newline', ['s3cret\n'], 's3cret'],
    ['a line with CR LF', ['s3cret\r\n'], 's3cret'],
    ['a line without a newline at the end of input', ['s3cret'], 's3cret'],
    ['spaces that belong to the password', [' pass word \n'], ' pass word '],
    ['a line split across chunks', ['pässw', 'ort\n'], 'pässwort'],
    ['only the first line', ['first\nsecond\n'], 'first']
  ])('reads %s', async (_what, chunks, password) => {
    expect(await readPasswordLine(piped(...chunks))).toBe(password)
  })

  it('splits a UTF-8 character across chunks without garbling it', async () => {
    const bytes = Buffer.from('pä\n', 'utf8')
    expect(await readPasswordLine(Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]))).toBe('pä')
  })

  it('stops reading at the end of the line, so an open pipe does not keep it waiting', async () => {
    async function* openPipe(): AsyncGenerator<Buffer> {
      yield Buffer.from('s3cret\nmore')
      throw new Error('read past the end of the password line')
    }
    expect(await readPasswordLine(openPipe())).toBe('s3cret')
  })

  it('refuses a terminal, where the password would be echoed', async () => {
    const terminal = Object.assign(piped('s3cret\n'), { isTTY: true })
    await expect(readPasswordLine(terminal)).rejects.toThrow(
      /reads the password from a pipe, not from the terminal.*DESKDIAL_PASSWORD/
    )
    await expect(readPasswordLine(terminal)).rejects.toBeInstanceOf(UsageError)
  })

  it.each([
    ['no input', []],
    ['an empty line', ['\n']],
    ['a bare CR LF', ['\r\n']]
  ])('refuses %s with a sentence', async (_what, chunks) => {
    await expect(readPasswordLine(piped(...chunks))).rejects.toThrow(
      '--password-stdin found no password on standard input'
    )
  })

  it(`accepts ${MAX_PASSWORD_BYTES} bytes and refuses a longer line without reading on`, async () => {
    expect(await readPasswordLine(piped(`${'x'.repeat(MAX_PASSWORD_BYTES)}\n`))).toHaveLength(MAX_PASSWORD_BYTES)
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) yield Buffer.alloc(256, 'x')
    }
    await expect(readPasswordLine(endless())).rejects.toThrow(`longer than ${MAX_PASSWORD_BYTES} bytes`)
  })
})

describe('parseCli and the password', () => {
  it('asks the caller to read the password from stdin, ignoring DESKDIAL_PASSWORD', () => {
    expect(parseCli([...DIAL, '--password-stdin'], { DESKDIAL_PASSWORD: 'from-env' })).toMatchObject({
      passwordFromStdin: true,
      password: undefined
    })
  })

  it('takes DESKDIAL_PASSWORD without --password-stdin', () => {
    expect(parseCli(DIAL, { DESKDIAL_PASSWORD: 'from-env' })).toMatchObject({
      passwordFromStdin: false,
      password: 'from-env'
    })
  })

  it('refuses --password together with --password-stdin', () => {
    expect(() => parseCli([...DIAL, '--password-stdin', '--password', 'x'], {})).toThrow(
      'either with --password-stdin or with --password, not both'
    )
  })

  it('steers --help away from --password towards DESKDIAL_PASSWORD and --password-stdin', () => {
    expect(USAGE).toContain('--password-stdin')
    expect(USAGE).toMatch(
      /--password PASS +avoid: every user of this machine can read it with ps; set DESKDIAL_PASSWORD/
    )
  })
})
