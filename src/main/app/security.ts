import type { App, Session } from 'electron'

/**
 * The policy the renderer's index.html also declares, sent as a header too (only a header can say
 * `frame-ancestors`): by the app:// handler (renderer-location.ts) and, for the dev server, here.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/**
 * The one permission windows get: writing text to the clipboard ("Copy diagnostics"), which
 * Chromium allows only during a click or a key press, and sanitizes.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Electron's security checklist for every window DeskDial will ever have: no navigation at all (the
 * renderer is one page that never navigates, not even within app://deskdial; windows load it with
 * loadURL, which these guards do not see), no new windows, no webviews, no permissions but writing to
 * the clipboard, and the CSP header.
 */
export function applySecurityPolicy(app: App, session: Session): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault())
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission))
  )
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission))
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
}
