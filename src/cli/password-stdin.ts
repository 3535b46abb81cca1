/**
 * `--password-stdin`: the SIP password from standard input, so that it is neither on the command
 * line (every user of the machine can read that with `ps`) nor in the environment of a shell.
 */
import { UsageError } from './cli-options'

/** More than a password manager would ever hand over: a longer line is refused, not read on without end. */
export const MAX_PASSWORD_BYTES = 1024

/** What `--password-stdin` reads from: `process.stdin`, or any stream of bytes in tests. */
export type PasswordInput = AsyncIterable<Buffer | string> & { isTTY?: boolean }

/**
 * The first line of `input` (UTF-8) without its line break (`\n` or `\r\n`). Stops reading at the
 * line break, so a pipe that stays open after it does not keep the command waiting. Throws a
 * UsageError for a terminal (the password would be echoed as typed), for no password, and for a
 * line longer than MAX_PASSWORD_BYTES.
 */
export async function readPasswordLine(input: PasswordInput): Promise<string> {
  if (input.isTTY) {
    throw new UsageError(
      '--password-stdin reads the password from a pipe, not from the terminal: for example `pass show deskdial | deskdial register --password-stdin ...`, or set DESKDIAL_PASSWORD instead.'
    )
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    const end = bytes.indexOf(0x0a)
    const part = end < 0 ? bytes : bytes.subarray(0, end)
    chunks.push(part)
    length += part.length
    if (end >= 0 || length > MAX_PASSWORD_BYTES + 1) break
  }
  const line = Buffer.concat(chunks).toString('utf8')
  const password = line.endsWith('\r') ? line.slice(0, -1) : line
  if (Buffer.byteLength(password) > MAX_PASSWORD_BYTES) {
    throw new UsageError(
      `The password on standard input is longer than ${MAX_PASSWORD_BYTES} bytes; give the password alone on one line.`
    )
  }
  if (password === '') {
    throw new UsageError(
      '--password-stdin found no password on standard input: pipe the password to deskdial on one line, or set DESKDIAL_PASSWORD instead.'
    )
  }
  return password
}
