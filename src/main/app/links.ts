import { resolve } from 'node:path'
import type { App } from 'electron'
import { LINK_SCHEMES } from './links-in-argv'

/**
 * Asks the OS to send tel:, sip: and callto: links to DeskDial. Where that takes effect: macOS,
 * and Linux through the .desktop file's MimeType; on Windows the installer writes the URL
 * associations (resources/installer.nsh), since this call alone does not make DeskDial the handler.
 */
export function registerLinkSchemes(app: App): void {
  for (const scheme of LINK_SCHEMES) {
    // Started as `electron .` in development: the OS must start Electron with the app's path.
    if (process.defaultApp && process.argv[1] !== undefined)
      app.setAsDefaultProtocolClient(scheme, process.execPath, [resolve(process.argv[1])])
    else app.setAsDefaultProtocolClient(scheme)
  }
}

/** macOS hands links over in `open-url`, which must be listened to before launching finishes to get the first one. */
export function listenForOpenUrl(app: App, onLink: (raw: string) => void): void {
  app.on('will-finish-launching', () => {
    app.on('open-url', (event, url) => {
      event.preventDefault()
      onLink(url)
    })
  })
}
