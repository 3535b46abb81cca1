/**
 * What the browser extension asks DeskDial, and what DeskDial answers. The extension sends these
 * through the browser's native messaging to `deskdial browser-host`, which relays them unchanged
 * to the running app over a local socket; the app parses each with {@link browserRequestSchema}.
 */
import { z } from 'zod'
import type { CallState } from './call-progress'

/** The longest number text the extension may send: as long as a phone number can be shown. */
export const MAX_SHOWN_NUMBER_LENGTH = 64

export const browserRequestSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('status') }),
  z.strictObject({
    type: z.literal('dial'),
    /** The number as the page shows it, e.g. "+49 30 1234567 ext. 12". */
    number: z.string().trim().min(1).max(MAX_SHOWN_NUMBER_LENGTH),
    /** The origin of the page the user clicked on, e.g. "https://crm.example.com". */
    origin: z.string().max(300)
  })
])

export type BrowserRequest = z.infer<typeof browserRequestSchema>

/** DeskDial's state as the extension's popup shows it. */
export interface BrowserStatus {
  /** The registration with the phone system, in the app's own words. */
  registration: { state: string; reason: string }
  /** The most recent call, as the app's call card shows it. */
  lastCall?: { target: string; state: CallState; reason: string; from?: string }
  /** The desk phone's country (ISO 3166-1 alpha-2), which decides how page numbers are read. */
  country: string
}

/** What became of a click: dialled, waiting for the user's confirmation in DeskDial, or refused. */
export type BrowserDialOutcome = { outcome: 'dialled' | 'asked' | 'refused'; message: string }

/** Why the extension could not reach DeskDial, so that it can offer the right fix. */
export type BrowserProblem = 'host-not-installed' | 'app-not-running' | 'bad-message' | 'no-answer'

export type BrowserAnswer =
  | ({ ok: true; type: 'status' } & BrowserStatus)
  | ({ ok: true; type: 'dial' } & BrowserDialOutcome)
  | { ok: false; problem: BrowserProblem; error: string }
