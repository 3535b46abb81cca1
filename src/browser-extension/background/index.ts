/**
 * The background service worker: relays the content scripts' clicks to DeskDial (adding the
 * page's origin, which the sender cannot choose), answers their country question from a short
 * cache, and offers "Call '<selection>' with DeskDial" in the context menu and as a shortcut.
 */
import type { BrowserAnswer } from '../../shared/browser-messages'
import {
  LAST_DIAL_KEY,
  type ContentRequest,
  type CountryAnswer,
  type LastDial,
  type SelectionAnswer
} from '../shared/extension-messages'
import { askDeskDial } from './native-host'

const MENU_ID = 'deskdial-call-selection'
export const SELECTION_COMMAND = 'call-selection'
/** DeskDial's country is asked once in this long, not on every page. */
const COUNTRY_CACHE_MS = 10 * 60_000

let country: { value?: string; at: number } | undefined

async function dial(number: string, origin: string): Promise<BrowserAnswer> {
  const answer = await askDeskDial({ type: 'dial', number, origin })
  const last: LastDial = { number, origin, answer, at: Date.now() }
  await chrome.storage.session.set({ [LAST_DIAL_KEY]: last })
  return answer
}

async function deskDialCountry(): Promise<CountryAnswer> {
  if (country && Date.now() - country.at < COUNTRY_CACHE_MS) return { country: country.value }
  const answer = await askDeskDial({ type: 'status' })
  country = { value: answer.ok && answer.type === 'status' ? answer.country : undefined, at: Date.now() }
  return { country: country.value }
}

function originOf(sender: chrome.runtime.MessageSender): string {
  return sender.origin ?? originOfPage(sender.url ?? sender.tab?.url)
}

chrome.runtime.onMessage.addListener((request: ContentRequest, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false
  if (request.type === 'dial') {
    void dial(request.number, originOf(sender)).then(sendResponse)
    return true
  }
  if (request.type === 'country') {
    void deskDialCountry().then(sendResponse)
    return true
  }
  return false
})

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: "Call '%s' with DeskDial", contexts: ['selection'] })
})

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return
  void dial(info.selectionText.trim(), originOfPage(info.frameUrl ?? info.pageUrl ?? tab?.url))
})

chrome.commands.onCommand.addListener((command, tab) => {
  if (command !== SELECTION_COMMAND || tab?.id === undefined) return
  // The frame holding the selection answers with its text and its own origin (a frame's may differ from the tab's).
  chrome.tabs.sendMessage(tab.id, { type: 'selection' }).then(
    (answer: SelectionAnswer | undefined) => {
      if (answer && answer.selected !== '') void dial(answer.selected, answer.origin)
    },
    () => undefined
  )
})

function originOfPage(url: string | undefined): string {
  try {
    return new URL(url ?? '').origin
  } catch {
    return 'null'
  }
}
