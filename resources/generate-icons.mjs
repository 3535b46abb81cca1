// Draws DeskDial's tray and app icons as PNG files (run: node resources/generate-icons.mjs).
// Plain Node, no image libraries: each pixel is computed from simple shapes, then zlib-compressed.
import { deflateSync } from 'node:zlib'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(buffer) {
  let c = 0xffffffff
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type, data) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An RGBA PNG of `size`×`size` whose pixels come from `paint(x, y)` in 0..1 coordinates. */
function png(size, paint) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 6
  const rows = Buffer.alloc(size * (size * 4 + 1))
  const samples = 4
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0
    for (let x = 0; x < size; x++) {
      // Supersample for smooth edges.
      let r = 0, g = 0, b = 0, a = 0
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [pr, pg, pb, pa] = paint((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size)
          r += pr * pa; g += pg * pa; b += pb * pa; a += pa
        }
      }
      const offset = y * (size * 4 + 1) + 1 + x * 4
      const n = samples * samples
      rows[offset] = a ? Math.round(r / a) : 0
      rows[offset + 1] = a ? Math.round(g / a) : 0
      rows[offset + 2] = a ? Math.round(b / a) : 0
      rows[offset + 3] = Math.round((a / n) * 255)
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

const TRANSPARENT = [0, 0, 0, 0]
const WHITE = [255, 255, 255, 1]
const distance = (x, y, cx, cy) => Math.hypot(x - cx, y - cy)

/** A handset: two rounded ends joined by an arc, the shape people read as "phone". */
function handset(x, y) {
  const d = distance(x, y, 0.7, 0.7)
  const onArc = d > 0.3 && d < 0.5 && x < 0.7 && y < 0.7
  const ear = distance(x, y, 0.3, 0.72) < 0.16
  const mouth = distance(x, y, 0.72, 0.3) < 0.16
  return onArc || ear || mouth
}

/** Tray icons: a coloured disc per registration state with the handset; a mark for problems. */
const STATES = {
  registered: { color: [46, 160, 67], mark: 'none' },
  connecting: { color: [212, 160, 23], mark: 'none' },
  failed: { color: [207, 34, 46], mark: 'bar' },
  call: { color: [9, 105, 218], mark: 'none' },
  idle: { color: [110, 119, 129], mark: 'none' }
}

function trayPainter({ color, mark }) {
  return (x, y) => {
    if (distance(x, y, 0.5, 0.5) > 0.48) return TRANSPARENT
    if (mark === 'bar' && Math.abs(x + y - 1) < 0.09 && distance(x, y, 0.5, 0.5) < 0.4) return WHITE
    // Scale the handset into the disc.
    return handset((x - 0.18) / 0.64, (y - 0.18) / 0.64) ? WHITE : [...color, 1]
  }
}

for (const [name, state] of Object.entries(STATES)) {
  writeFileSync(join(here, `tray-${name}.png`), png(16, trayPainter(state)))
  writeFileSync(join(here, `tray-${name}@2x.png`), png(32, trayPainter(state)))
}

/** The app icon: a rounded blue square with the handset. */
writeFileSync(
  join(here, 'icon.png'),
  png(512, (x, y) => {
    const inset = Math.max(Math.abs(x - 0.5) - 0.3, Math.abs(y - 0.5) - 0.3)
    if (Math.hypot(Math.max(Math.abs(x - 0.5) - 0.3, 0), Math.max(Math.abs(y - 0.5) - 0.3, 0)) > 0.17 && inset > 0) return TRANSPARENT
    return handset((x - 0.22) / 0.56, (y - 0.22) / 0.56) ? WHITE : [9, 105, 218, 1]
  })
)
