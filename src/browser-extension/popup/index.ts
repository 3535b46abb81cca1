/**
 * The popup: DeskDial's registration and the last call as the app shows them, what to do when
 * DeskDial cannot be reached, and the switch that turns marking off for the current site.
 */
import type { BrowserAnswer } from '../../shared/browser-messages'
import { askDeskDial } from '../background/native-host'
import { LAST_DIAL_KEY, SITES_OFF_KEY, type BackgroundRequest, type LastDial } from '../shared/extension-messages'

const FIXES: Record<string, string> = {
  'host-not-installed': 'deskdial browser-host install',
  'app-not-running': 'Start DeskDial from your applications menu.'
}

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T
}

function showStatus(answer: BrowserAnswer): void {
  if (!answer.ok) {
    element('registration').textContent = 'DeskDial cannot be reached.'
    const problem = element('problem')
    problem.textContent = answer.error
    problem.hidden = false
    const fix = FIXES[answer.problem]
    if (fix) {
      element('fix').textContent = fix
      element('fix').hidden = false
    }
    return
  }
  if (answer.type !== 'status') return
  element('registration').textContent = `Phone system: ${answer.registration.reason}`
  if (answer.lastCall) {
    const { target, reason, from } = answer.lastCall
    element('last-call-text').textContent = `${target}${from ? ` (from ${from})` : ''}: ${reason}`
    element('last-call').hidden = false
  }
}

async function showLastDialProblem(): Promise<void> {
  const stored = await chrome.storage.session.get(LAST_DIAL_KEY)
  const last = stored[LAST_DIAL_KEY] as LastDial | undefined
  if (last && !last.answer.ok && element('problem').hidden) {
    element('last-call-text').textContent = `${last.number}: ${last.answer.error}`
    element('last-call').hidden = false
  }
}

/** The site of the tab: as its page's content script knows it, else from the tab's address (granted by activeTab). */
async function siteOf(tab: chrome.tabs.Tab | undefined): Promise<string | undefined> {
  if (tab?.id !== undefined) {
    const request: BackgroundRequest = { type: 'site' }
    const origin: unknown = await chrome.tabs.sendMessage(tab.id, request, { frameId: 0 }).catch(() => undefined)
    if (typeof origin === 'string') return origin
  }
  try {
    return new URL(tab?.url ?? '').origin
  } catch {
    return undefined
  }
}

async function showSiteSwitch(): Promise<void> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true })
  const origin = await siteOf(tab)
  if (origin === undefined || !/^https?:/.test(origin)) return
  const stored = await chrome.storage.local.get(SITES_OFF_KEY)
  const sites = (stored[SITES_OFF_KEY] ?? []) as string[]
  const box = element<HTMLInputElement>('site-marking')
  box.checked = !sites.includes(origin)
  element('site').textContent = new URL(origin).host
  element('site-switch').hidden = false
  box.addEventListener('change', async () => {
    const current = ((await chrome.storage.local.get(SITES_OFF_KEY))[SITES_OFF_KEY] ?? []) as string[]
    const others = current.filter((site) => site !== origin)
    await chrome.storage.local.set({ [SITES_OFF_KEY]: box.checked ? others : [...others, origin] })
  })
}

void askDeskDial({ type: 'status' }).then(showStatus).then(showLastDialProblem)
void showSiteSwitch()
