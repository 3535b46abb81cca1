import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BrowserWindow } from 'electron'

/** Where the renderer comes from: electron-vite's dev server in development, the built files otherwise. */
export class RendererLocation {
  readonly #devServer: string | undefined
  readonly #indexFile: string

  constructor(mainDirectory: string, devServer = process.env.ELECTRON_RENDERER_URL) {
    this.#devServer = devServer
    this.#indexFile = join(mainDirectory, '../renderer/index.html')
  }

  /** Loads the renderer, optionally at a view (`quick-dial`) given as the URL's hash. */
  load(window: BrowserWindow, view?: string): Promise<void> {
    if (this.#devServer) return window.loadURL(view ? `${this.#devServer}#${view}` : this.#devServer)
    return view ? window.loadFile(this.#indexFile, { hash: view }) : window.loadFile(this.#indexFile)
  }

  /** Whether a frame's URL is our renderer (hash ignored): the only sender IPC commands are taken from. */
  isRenderer(frameUrl: string): boolean {
    let url: URL
    try {
      url = new URL(frameUrl)
    } catch {
      return false
    }
    if (this.#devServer) return url.origin === new URL(this.#devServer).origin
    url.hash = ''
    return url.href === pathToFileURL(this.#indexFile).href
  }
}
