/**
 * Reading a CA-file setting (the phone system's or the directory's): a PEM file the user chose,
 * read each time a TLS connection opens.
 * The path comes from settings, so it may name anything: only a regular file of a sensible size is
 * read, and a folder, a named pipe, a device such as /dev/zero or a huge file gets a sentence
 * instead of a hang or a read without end.
 */
import { constants, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'

/** The CA file could not be read, or is no file a CA certificate could be in; the message says what to choose instead. */
export class CaFileError extends Error {
  override name = 'CaFileError'
}

function unreadableCaFile(path: string, cause: unknown): CaFileError {
  const code = (cause as { code?: unknown } | null)?.code
  const detail = typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause)
  return new CaFileError(`The CA file "${path}" could not be read (${detail}). Choose the CA file again in Settings.`, {
    cause
  })
}

/** `reason` ends the sentence. */
function unusableCaFile(path: string, reason: string): CaFileError {
  return new CaFileError(
    `The CA file "${path}" cannot be used: ${reason}. Choose the PEM file with the CA certificate in Settings.`
  )
}

/** Far more than any CA bundle (the whole Mozilla root store is about 200 KiB). */
export const MAX_CA_FILE_BYTES = 1024 * 1024

/** Opening a named pipe for reading waits for a writer unless non-blocking (the flag does not exist on Windows, which has no such files). */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

function notAFile(stats: Stats): string {
  if (stats.isDirectory()) return 'it is a folder, not a file'
  if (stats.isFIFO()) return 'it is a named pipe, not a file'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device, not a file'
  if (stats.isSocket()) return 'it is a socket, not a file'
  return 'it is not a regular file'
}

const TOO_LARGE = 'it is larger than 1 MiB, far larger than a file of CA certificates'

/** The contents of the CA file at `path`; rejects with a CaFileError whose message tells the user what to choose instead. */
export async function readCaFile(path: string): Promise<Buffer> {
  const file = await open(path, OPEN_FLAGS).catch((error: unknown) => Promise.reject(unreadableCaFile(path, error)))
  try {
    const stats = await file.stat()
    if (!stats.isFile()) throw unusableCaFile(path, notAFile(stats))
    if (stats.size > MAX_CA_FILE_BYTES) throw unusableCaFile(path, TOO_LARGE)
    // One byte more than allowed, so that a file that grew after stat() is still caught.
    const contents = Buffer.alloc(MAX_CA_FILE_BYTES + 1)
    let length = 0
    while (length < contents.length) {
      const { bytesRead } = await file.read(contents, length, contents.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_CA_FILE_BYTES) throw unusableCaFile(path, TOO_LARGE)
    return Buffer.from(contents.subarray(0, length))
  } catch (error) {
    throw error instanceof CaFileError ? error : unreadableCaFile(path, error)
  } finally {
    await file.close()
  }
}
