/** Settings → Browser: the shapes the IPC contract's `BrowserCommands` carry. */

/** The browsers whose connection to DeskDial (the native messaging host) Settings → Browser sets up. */
export type BrowserId = 'chrome' | 'chromium' | 'edge' | 'brave' | 'firefox'

/** Where one browser stands: connected, not yet, or not found on this computer (it has never run for this user). */
export interface BrowserConnection {
  browser: BrowserId
  /** For people, e.g. "Google Chrome". */
  name: string
  state: 'installed' | 'not-installed' | 'browser-not-found'
  /** The host manifest's file (the registry key on Windows). */
  where: string
}

/** Every browser's state; `error` says, as a sentence, why the last install or removal failed. */
export interface BrowserConnections {
  browsers: BrowserConnection[]
  error?: string
}
