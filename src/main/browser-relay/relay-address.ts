import { createHash } from 'node:crypto'
import { join } from 'node:path'

/**
 * Where the running app listens for `deskdial browser-host`: a Unix socket in the data folder
 * (mode 0600), or on Windows a named pipe named after the data folder (a pipe's default access
 * lets only the user who created it, and administrators, write to it).
 */
export function browserRelayAddress(dataDirectory: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'win32') return join(dataDirectory, 'browser-relay.sock')
  const folder = createHash('sha256').update(dataDirectory.toLowerCase()).digest('hex').slice(0, 16)
  return `\\\\.\\pipe\\deskdial-browser-relay-${folder}`
}

/** The most a message between the host and the app may hold, as for native messaging frames. */
export const MAX_MESSAGE_BYTES = 1024 * 1024
