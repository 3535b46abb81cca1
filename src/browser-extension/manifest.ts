/**
 * The extension's manifest for each browser family. Chromium (Chrome, Edge, Brave) runs the
 * background as a service worker and knows the extension by its `key`; Firefox runs background
 * scripts and knows it by `browser_specific_settings.gecko.id`.
 */
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from '../shared/browser-extension-identity'

export type BrowserFamily = 'chromium' | 'firefox'

export function extensionManifest(family: BrowserFamily, version: string): Record<string, unknown> {
  const common = {
    manifest_version: 3,
    name: 'DeskDial',
    version,
    description: 'Call the phone numbers on web pages from your desk phone, through the DeskDial app.',
    icons: { '512': 'icon.png' },
    permissions: ['nativeMessaging', 'contextMenus', 'storage', 'activeTab'],
    action: { default_title: 'DeskDial', default_popup: 'popup.html' },
    commands: {
      'call-selection': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: 'Call the selected number with DeskDial'
      }
    },
    content_scripts: [
      {
        matches: ['<all_urls>'],
        js: ['content.js'],
        css: ['highlight.css'],
        all_frames: true,
        match_about_blank: true,
        run_at: 'document_idle'
      }
    ]
  }
  if (family === 'chromium')
    return { ...common, key: EXTENSION_PUBLIC_KEY, background: { service_worker: 'background.js' } }
  return {
    ...common,
    background: { scripts: ['background.js'] },
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_EXTENSION_ID,
        strict_min_version: '140.0',
        // Numbers go only to DeskDial on this computer, never to a server.
        data_collection_permissions: { required: ['none'] }
      }
    }
  }
}
