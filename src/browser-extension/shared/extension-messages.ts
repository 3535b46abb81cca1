/**
 * Messages inside the extension: from the content script to the background service worker, and
 * back. Only the extension's own scripts can send them: the manifest has no
 * `externally_connectable`, and nothing listens to the page's `window.postMessage`.
 */
import type { BrowserAnswer } from '../../shared/browser-messages'

export type ContentRequest =
  /** The user clicked a number (the button beside a marked number, or a `tel:` link): the origin comes from the sender. */
  | { type: 'dial'; number: string }
  /** The desk phone's country, from DeskDial when it answers. */
  | { type: 'country' }

/** The background asks the content script of a tab for the text selected in it (the keyboard shortcut). */
export type BackgroundRequest = { type: 'selection' }

export type CountryAnswer = { country?: string }

export type DialAnswer = BrowserAnswer

/** chrome.storage.local: the sites (origins) where the user turned marking off. */
export const SITES_OFF_KEY = 'markingOffSites'

/** chrome.storage.session: the answer to the last dial, for the popup. */
export const LAST_DIAL_KEY = 'lastDial'

export interface LastDial {
  number: string
  origin: string
  answer: BrowserAnswer
  at: number
}
