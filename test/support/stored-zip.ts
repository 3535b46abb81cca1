/**
 * A zip archive built in memory, files stored uncompressed with their Unix permissions, as far as
 * an unzipper needs: local headers, the central directory and its end record (APPNOTE 4.3).
 */
import { crc32 } from 'node:zlib'

export interface ZipEntry {
  name: string
  content: string | Buffer
  /** Unix permission bits, e.g. 0o755 for an executable. */
  mode: number
}

const DOS_DATE_1980_01_01 = 0x21
const VERSION_2_0 = 20
const MADE_ON_UNIX = 3 << 8
const REGULAR_FILE = 0o100000

/** The fields a file's local header and its central directory entry share, in the same order (version needed to extract .. extra field length). */
function sharedFields(name: Buffer, data: Buffer): Buffer {
  const fields = Buffer.alloc(26)
  fields.writeUInt16LE(VERSION_2_0, 0)
  fields.writeUInt16LE(DOS_DATE_1980_01_01, 8)
  fields.writeUInt32LE(crc32(data), 10)
  fields.writeUInt32LE(data.length, 14)
  fields.writeUInt32LE(data.length, 18)
  fields.writeUInt16LE(name.length, 22)
  return fields
}

export function storedZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const data = Buffer.from(entry.content)
    const shared = sharedFields(name, data)
    const localSignature = Buffer.alloc(4)
    localSignature.writeUInt32LE(0x04034b50)
    const centralStart = Buffer.alloc(6)
    centralStart.writeUInt32LE(0x02014b50)
    centralStart.writeUInt16LE(MADE_ON_UNIX | VERSION_2_0, 4)
    const centralEnd = Buffer.alloc(14)
    centralEnd.writeUInt32LE(((REGULAR_FILE | entry.mode) << 16) >>> 0, 6)
    centralEnd.writeUInt32LE(offset, 10)
    locals.push(localSignature, shared, name, data)
    centrals.push(centralStart, shared, centralEnd, name)
    offset += localSignature.length + shared.length + name.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}
