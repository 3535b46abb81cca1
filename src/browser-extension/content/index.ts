/**
 * The content script, in every frame: marks the phone numbers of the page (see {@link PageScanner}),
 * offers the dial button on a marked number, and dials the page's own phone links. Marking starts at
 * once with the browser's country and never waits for DeskDial; when DeskDial answers with another
 * country, the page is read again.
 */
import { countryFromLanguage } from '../detection'
import { sentenceForAnswer } from '../shared/answer-sentences'
import {
  SITES_OFF_KEY,
  type BackgroundRequest,
  type ContentRequest,
  type CountryAnswer,
  type DialAnswer,
  type SelectionAnswer
} from '../shared/extension-messages'
import { DialButton } from './dial-button'
import { NumberMarks } from './number-marks'
import { PageScanner } from './page-scanner'
import { watchPhoneLinks } from './phone-links'

const FALLBACK_COUNTRY = 'US'

function ask<T>(request: ContentRequest): Promise<T> {
  return chrome.runtime.sendMessage(request)
}

async function dial(number: string): Promise<string> {
  try {
    return sentenceForAnswer(await ask<DialAnswer>({ type: 'dial', number }))
  } catch {
    return 'DeskDial’s extension was updated or reloaded: reload this page, then try again.'
  }
}

async function markingOff(): Promise<boolean> {
  const stored = await chrome.storage.local.get(SITES_OFF_KEY)
  const sites = (stored[SITES_OFF_KEY] ?? []) as string[]
  return sites.includes(location.origin)
}

function start(): void {
  let country = countryFromLanguage(navigator.language) ?? FALLBACK_COUNTRY
  const marks = new NumberMarks(CSS.highlights)
  const scanner = new PageScanner(marks, () => country)
  new DialButton(document, { marks, shadowRoots: () => scanner.shadowRoots, dial })
  watchPhoneLinks(window, (number) => void dial(number))

  let on = false
  const apply = async () => {
    const off = await markingOff()
    if (off && on) scanner.stop()
    if (!off && !on) scanner.start(document)
    on = !off
  }
  void apply()
  chrome.storage.onChanged.addListener((changes) => {
    if (SITES_OFF_KEY in changes) void apply()
  })

  ask<CountryAnswer>({ type: 'country' }).then(
    (answer) => {
      if (answer.country === undefined || answer.country === country) return
      country = answer.country
      if (on) scanner.rescan(document)
    },
    () => undefined
  )

  chrome.runtime.onMessage.addListener((request: BackgroundRequest, _sender, sendResponse) => {
    if (request.type === 'site') {
      if (window === window.top) sendResponse(location.origin)
      return false
    }
    if (request.type !== 'selection') return false
    const selected = getSelection()?.toString().trim() ?? ''
    if (selected === '') return false
    const answer: SelectionAnswer = { selected, origin: location.origin }
    sendResponse(answer)
    return false
  })
}

start()
