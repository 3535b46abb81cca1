/**
 * An Electron release mirror on loopback, for ELECTRON_MIRROR: serves one release's zip for this
 * platform and its SHASUMS256.txt under /v<version>/, as GitHub's release downloads are laid out,
 * and records what was asked for. The zip holds a shell script in the executable's place.
 */
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { storedZip } from './stored-zip'

/** Where the executable sits in a release zip for this platform (what path.txt records). */
export const EXECUTABLE_IN_RELEASE = process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron'

/** What the stand-in executable prints, followed by its arguments. */
export const STAND_IN_GREETING = 'Electron from the test mirror ran with:'

export interface ElectronReleaseMirror {
  /** For ELECTRON_MIRROR: ends with a slash, as @electron/get joins it with `v<version>/<file>`. */
  url: string
  /** Paths requested so far, in order. */
  requests: string[]
  close(): Promise<void>
}

export function releaseZipName(version: string): string {
  return `electron-v${version}-${process.platform}-${process.arch}.zip`
}

export async function startElectronReleaseMirror(version: string): Promise<ElectronReleaseMirror> {
  const zip = storedZip([
    { name: EXECUTABLE_IN_RELEASE, content: `#!/bin/sh\necho "${STAND_IN_GREETING} $*"\n`, mode: 0o755 },
    { name: 'version', content: `v${version}`, mode: 0o644 }
  ])
  const files = new Map<string, Buffer>([
    [`/v${version}/${releaseZipName(version)}`, zip],
    [
      `/v${version}/SHASUMS256.txt`,
      Buffer.from(`${createHash('sha256').update(zip).digest('hex')} *${releaseZipName(version)}\n`)
    ]
  ])
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    const path = request.url ?? ''
    requests.push(path)
    const body = files.get(path)
    response.writeHead(body ? 200 : 404, { 'content-length': body?.length ?? 0 }).end(body)
  })
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections()
        server.close(() => closed())
      })
  }
}

/** A loopback URL nothing listens on: a port the system just handed out, then closed again. */
export async function unreachableMirror(): Promise<string> {
  const server = createServer()
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((closed) => server.close(() => closed()))
  return `http://127.0.0.1:${port}/`
}
