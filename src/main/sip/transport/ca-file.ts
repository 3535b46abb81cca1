/**
 * Reading the CA-file setting: a PEM file the user chose, read each time a TLS connection opens.
 * The path comes from settings, so it may name anything: only a regular file of a sensible size is
 * read, and a folder, a named pipe, a device such as /dev/zero or a huge file gets a sentence
 * instead of a hang or a read without end.
 */
import { constants, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import { TransportError, unreadableCaFile, unusableCaFile } from './transport-errors'

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

/** The contents of the CA file at `path`; rejects with a TransportError (`tls-untrusted`) whose message tells the user what to choose instead. */
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
    throw error instanceof TransportError ? error : unreadableCaFile(path, error)
  } finally {
    await file.close()
  }
}
