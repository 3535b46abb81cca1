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

/**
 * To the content script of a tab: the text selected in it (the keyboard shortcut), or the origin
 * of its page (the popup's switch; the extension may not read a tab's address without activeTab).
 */
export type BackgroundRequest = { type: 'selection' } | { type: 'site' }

export type CountryAnswer = { country?: string }

/** The content script's answer to `selection`, from the frame that holds the selection: its text and that frame's origin. */
export type SelectionAnswer = { selected: string; origin: string }

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
