import { join } from 'node:path'
import type { BrowserWindow, Protocol } from 'electron'
import { isAtOrigin, RENDERER_ORIGIN, RENDERER_SCHEME, serveRendererFile } from './renderer-files'
import { CONTENT_SECURITY_POLICY } from './security'

/**
 * Makes `app:` a standard, secure scheme (its own origin, relative URLs, a secure context, fetch)
 * without CORS reads from other origins. Electron accepts this only before `ready`.
 */
export function registerRendererScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/**
 * Where the renderer comes from: electron-vite's dev server in development, otherwise the built
 * files under out/renderer at `app://deskdial/`. Its origin is the only one trusted with IPC.
 * A packaged app ignores `ELECTRON_RENDERER_URL`: whoever can set the environment of an installed
 * DeskDial must not be able to load a page of their own that IPC then trusts.
 */
export class RendererLocation {
  readonly #devServer: string | undefined
  readonly #directory: string

  constructor(mainDirectory: string, packaged: boolean, devServer = process.env.ELECTRON_RENDERER_URL) {
    this.#devServer = packaged ? undefined : devServer
    this.#directory = join(mainDirectory, '../renderer')
  }

  /** Serves the built renderer at `app://deskdial/` (after `ready`); the dev server needs nothing. */
  serve(protocol: Protocol): void {
    if (this.#devServer) return
    protocol.handle(RENDERER_SCHEME, (request) =>
      serveRendererFile(this.#directory, request, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY })
    )
  }

  /** Loads the renderer, optionally at a view (`quick-dial`) given as the URL's hash. */
  load(window: BrowserWindow, view?: string): Promise<void> {
    const page = this.#devServer ?? `${RENDERER_ORIGIN}/index.html`
    return window.loadURL(view ? `${page}#${view}` : page)
  }

  /** Whether a frame's URL is at our renderer's origin: the only sender IPC commands are taken from. */
  isRenderer(frameUrl: string): boolean {
    return isAtOrigin(frameUrl, this.#devServer ?? RENDERER_ORIGIN)
  }
}
