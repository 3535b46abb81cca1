import type { BrowserAnswer } from '../../shared/browser-messages'

/** What to tell the user about DeskDial's answer, with the fix when DeskDial could not be reached. */
export function sentenceForAnswer(answer: BrowserAnswer): string {
  if (answer.ok) return answer.type === 'dial' ? answer.message : 'DeskDial is ready.'
  return answer.error
}

/** The sentence for a native messaging error of the browser (the host could not be started or answered nothing). */
export function nativeHostProblem(error: string): BrowserAnswer {
  if (/not found|not installed|Specified native messaging host/i.test(error))
    return {
      ok: false,
      problem: 'host-not-installed',
      error:
        'DeskDial’s browser connection is not installed: run “deskdial browser-host install” (or install DeskDial), then try again.'
    }
  if (/forbidden/i.test(error))
    return {
      ok: false,
      problem: 'host-not-installed',
      error:
        'DeskDial’s browser connection does not know this extension: run “deskdial browser-host install” again, then try again.'
    }
  return {
    ok: false,
    problem: 'no-answer',
    error: `DeskDial did not answer the browser (${error}): start DeskDial, then try again.`
  }
}
