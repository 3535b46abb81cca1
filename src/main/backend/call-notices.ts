import type { CallProgress } from '../../shared/call-progress'

/** A desktop notification's text. */
export interface DesktopNotice {
  title: string
  body: string
}

/**
 * What to tell the user about a call's progress while DeskDial may be hidden: that the desk phone
 * rings (so they pick it up), and why a call failed. Other states would only be noise.
 */
export function callNotice(progress: CallProgress, contactName?: string): DesktopNotice | undefined {
  const who = contactName ? `${contactName} (${progress.target})` : progress.target
  switch (progress.state) {
    case 'ringing':
      return { title: `Calling ${who}`, body: 'Pick up your desk phone: it will then call the number.' }
    case 'failed':
      return { title: `Call to ${who} failed`, body: progress.reason }
    default:
      return undefined
  }
}
