/** Talking to DeskDial through the browser's native messaging: each request starts `deskdial browser-host` afresh. */
import type { BrowserAnswer, BrowserRequest } from '../../shared/browser-messages'
import { NATIVE_HOST_NAME } from '../../shared/browser-extension-identity'
import { nativeHostProblem } from '../shared/answer-sentences'

export async function askDeskDial(request: BrowserRequest): Promise<BrowserAnswer> {
  try {
    const answer = (await chrome.runtime.sendNativeMessage(NATIVE_HOST_NAME, request)) as BrowserAnswer | undefined
    return answer ?? nativeHostProblem('no answer')
  } catch (error) {
    return nativeHostProblem((error as Error).message)
  }
}
