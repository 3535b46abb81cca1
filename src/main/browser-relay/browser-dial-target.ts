import type { BrowserDialOutcome, BrowserStatus } from '../../shared/browser-messages'

/** What the browser relay needs from DeskDial: its state for the popup, and a dial the user clicked. */
export interface BrowserDialTarget {
  status(): Promise<BrowserStatus>
  /** `number` as the page shows it; `origin` the page's, shown on the call card ("from crm.example.com"). */
  dial(number: string, origin: string): Promise<BrowserDialOutcome>
}
