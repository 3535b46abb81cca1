import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * The built renderer is served from `app://deskdial/` rather than `file://`: a standard, secure
 * origin of its own, so `'self'` in the CSP means exactly DeskDial's files and nothing else on disk.
 */
export const RENDERER_SCHEME = 'app'
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://deskdial`

/** Types for what electron-vite writes to out/renderer; module scripts need a JavaScript type. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

export type RendererFileLookup = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 }

/**
 * Whether `url` is at `origin`: same scheme, host and port, no credentials. (Node's URL gives
 * custom schemes such as app: an opaque origin, so `url.origin` cannot be compared.)
 */
export function isAtOrigin(url: string, origin: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  const expected = new URL(origin)
  return (
    parsed.protocol === expected.protocol &&
    parsed.host === expected.host &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/** Whether `path` is `directory` or below it. */
function isWithin(directory: string, path: string): boolean {
  const rest = relative(directory, path)
  return rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest)
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}

/**
 * The regular file inside `directory` that an `app://deskdial/...` URL names, symlinks resolved.
 * 403 for a path that leaves the directory (a `..` that arrived encoded, a symlink pointing out):
 * checked before the file system is asked, so a request learns nothing about files elsewhere.
 * 404 for what is not there, not a file, or not at DeskDial's origin; 400 for a malformed path.
 */
export async function findRendererFile(directory: string, url: string): Promise<RendererFileLookup> {
  if (!isAtOrigin(url, RENDERER_ORIGIN)) return { ok: false, status: 404 }
  let path: string
  try {
    path = decodeURIComponent(new URL(url).pathname)
  } catch {
    return { ok: false, status: 400 }
  }
  if (path.includes('\0')) return { ok: false, status: 400 }
  const root = resolve(directory)
  // The pathname starts with "/": resolved below the directory, an absolute path stays inside it.
  const candidate = resolve(root, `.${path}`)
  if (!isWithin(root, candidate)) return { ok: false, status: 403 }
  try {
    const file = await realpath(candidate)
    if (!isWithin(await realpath(root), file)) return { ok: false, status: 403 }
    return (await stat(file)).isFile() ? { ok: true, file } : { ok: false, status: 404 }
  } catch (error) {
    if (isMissing(error)) return { ok: false, status: 404 }
    throw error
  }
}

/** Answers a request for the renderer with the file, or with the lookup's status and no body. */
export async function serveRendererFile(
  directory: string,
  request: Request,
  headers: Record<string, string>
): Promise<Response> {
  const found = await findRendererFile(directory, request.url)
  if (!found.ok) return new Response(null, { status: found.status, headers })
  const contentType = CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream'
  return new Response(await readFile(found.file), {
    status: 200,
    headers: { ...headers, 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff' }
  })
}
