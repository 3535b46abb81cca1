/**
 * The one contract between the renderer and the main process.
 * The preload exposes `window.deskdial: DeskDialApi`, one method per action; the main process
 * registers one handler per command channel and validates the sender and every argument.
 */
import type { CallLadder } from './call-ladder'
import type { CallRecord } from './call-record'
import type { CallProgress } from './call-progress'
import type { Contact, ContactDraft, ContactNumberLabel, ContactSaveResult } from './contact'
import type { DirectorySearchAnswer, DirectoryStatus, FavouriteTarget } from './directory-search'
import type { DirectorySettings } from './directory-settings'
import type {
  ColumnMapping,
  ContactFileDownload,
  ContactFileFormat,
  ContactFileUpload,
  ContactImportAnswer
} from './contact-files'
import type { LineStatus } from './line-state'
import type { RegistrationStatus } from './registration-status'
import type { BrowserConnections, BrowserId } from './browser-connections'
import type {
  ConnectionTestResult,
  DeskPhoneProposal,
  DirectoryTestResult,
  SaveResult,
  SettingsUpdate,
  SettingsView
} from './settings-view'

export type { BrowserConnection, BrowserConnections, BrowserId } from './browser-connections'
export type {
  ConnectionTestResult,
  DemoPhoneSystemView,
  DeskPhoneProposal,
  DirectoryTestResult,
  PolicyView,
  SaveResult,
  SecretStorageKind,
  SettingsUpdate,
  SettingsView
} from './settings-view'

export type DialPreview =
  | {
      ok: true
      target: string
      dialString: string
      /** For people, e.g. "Calling 9 0201 555 0123". */
      display: string
      contact?: { id: string; name: string; label: ContactNumberLabel }
      /** The web site a click in the browser came from (e.g. "crm.example.com"), for the call card. */
      from?: string
    }
  | { ok: false; target: string; error: string }

export interface DialRequest {
  target: string
  contactId?: string
}

export type DialResult = { ok: true; callId: string; dialString: string } | { ok: false; error: string }

/** A link from another application, waiting for the user to confirm it. */
export interface PendingLink {
  id: string
  scheme: 'tel' | 'sip' | 'callto'
  raw: string
  preview: DialPreview
  /** Why DeskDial asks although the user trusts links (e.g. "it is a premium-rate number"). */
  askedBecause?: string
  /** Links that arrived while this one waited: refused, and counted here (the event comes again with the new count). */
  blockedLinks: number
}

export interface AppStatus {
  registration: RegistrationStatus
  calls: CallProgress[]
  pendingLinks: PendingLink[]
  /** Set when the hotkey could not be registered, with what to do about it. */
  hotkeyProblem?: string
  /** The known states of the lines the windows show (`showLines`), spelled as the windows gave them. */
  lines: LineStatus[]
  /** The user's desk phone's line, once heard of. */
  deskPhone?: LineStatus
}

/**
 * Commands: renderer -> main, each answered once. They come in groups, one per thing the user
 * does; the main process answers each group in its own module (see `src/main/backend/commands`).
 * The renderer calls them flat, e.g. `window.deskdial.dial(...)`.
 */

/** Calls and links: what a call shows and does, the links from other applications, and the call history. */
export interface CallCommands {
  getStatus(): Promise<AppStatus>
  previewDial(target: string): Promise<DialPreview>
  dial(request: DialRequest): Promise<DialResult>
  dismissCall(callId: string): Promise<void>
  confirmLink(linkId: string): Promise<DialResult>
  rejectLink(linkId: string): Promise<void>
  listHistory(): Promise<CallRecord[]>
  clearHistory(): Promise<void>
  /** A phone number found on the clipboard, for the quick-dial window. */
  clipboardNumber(): Promise<string | undefined>
  /** A phone number in the primary selection (Linux: the text just selected in any program), offered first; none elsewhere. */
  selectionNumber(): Promise<string | undefined>
}

/** Contacts and contact files. */
export interface ContactCommands {
  listContacts(): Promise<Contact[]>
  saveContact(draft: ContactDraft): Promise<ContactSaveResult>
  deleteContact(id: string): Promise<void>
  /** What importing a vCard or CSV file would do; `mapping` picks the CSV's columns (found from the header when omitted). */
  previewContactImport(file: ContactFileUpload, mapping?: ColumnMapping): Promise<ContactImportAnswer>
  /** Imports the file as previewed: adds, merges, leaves duplicates alone. */
  importContacts(file: ContactFileUpload, mapping?: ColumnMapping): Promise<ContactImportAnswer>
  /** All contacts as a vCard 3.0 or CSV file for the window to save. */
  exportContacts(format: ContactFileFormat): Promise<ContactFileDownload>
}

/** The search over contacts, the company directory and recent calls, and the favourites. */
export interface DirectoryCommands {
  /** One search over the contacts, the company directory and recent calls; the directory's merged answer follows as `directoryResults`. */
  searchDirectory(query: string, limit: number): Promise<DirectorySearchAnswer>
  listFavourites(): Promise<FavouriteTarget[]>
  /** Stars or unstars a contact or a number; answers every favourite. */
  setFavourite(target: FavouriteTarget, starred: boolean): Promise<FavouriteTarget[]>
}

/** The settings, and trying them before saving. */
export interface SettingsCommands {
  getSettings(): Promise<SettingsView>
  saveSettings(update: SettingsUpdate): Promise<SaveResult>
  testConnection(update: SettingsUpdate): Promise<ConnectionTestResult>
  /** Binds to the company directory as typed (the password typed, or the stored one) and searches it once. */
  testDirectory(directory: DirectorySettings, password?: string): Promise<DirectoryTestResult>
  /** "Is 1001 your desk phone?": the user's entry in the company directory while the desk phone number is empty. */
  proposeDeskPhone(): Promise<DeskPhoneProposal>
}

/** The built-in demo phone system. */
export interface DemoCommands {
  /** First run without an account: start the built-in demo phone system and use it. */
  startDemo(): Promise<SaveResult>
  /** Stop the demo phone system and forget its account, so the user can enter their own. */
  leaveDemo(): Promise<SaveResult>
}

/** What the phone administrator needs to see. */
export interface DiagnosticsCommands {
  /** The SIP messages of one call (its id, the REFER's Call-ID) still in the log, for the ladder diagram. */
  callLadder(callId: string): Promise<CallLadder>
  /** The plain-text report for the phone administrator: of one call, or of the whole app without `callId`. */
  diagnosticsReport(callId?: string): Promise<string>
}

/** Settings → Browser: what `deskdial browser-host install|uninstall|status` does, per browser. */
export interface BrowserCommands {
  browserConnections(): Promise<BrowserConnections>
  installBrowserConnection(browser: BrowserId): Promise<BrowserConnections>
  removeBrowserConnection(browser: BrowserId): Promise<BrowserConnections>
}

/** The desk phones' lines the windows show: a dot beside each person. */
export interface LineCommands {
  /**
   * The window shows these numbers now (contacts' visible rows, quick-dial results, favourites):
   * watch their lines, the least recently shown dropped first past 99. Answers what is known of
   * them already; changes follow as `lineState` events.
   */
  showLines(numbers: string[]): Promise<LineStatus[]>
}

/** The window itself, answered by the app for the window that sends it. */
export interface WindowCommands {
  /** Hides the window that sends it. */
  hideWindow(): Promise<void>
}

export interface DeskDialCommands
  extends
    CallCommands,
    ContactCommands,
    DirectoryCommands,
    SettingsCommands,
    DemoCommands,
    DiagnosticsCommands,
    BrowserCommands,
    LineCommands,
    WindowCommands {}

/** Events: main -> renderer. */
export interface DeskDialEvents {
  callProgress: CallProgress
  registration: RegistrationStatus
  pendingLink: PendingLink
  /** Ask the renderer to show a view, e.g. from the tray menu. */
  navigate: 'contacts' | 'history' | 'settings' | 'quick-dial'
  settingsChanged: SettingsView
  /** The quick-dial hotkey stopped or started working: what to do about it, or none when it works. */
  hotkeyProblem: { problem?: string }
  /** A search's results merged with the company directory's answer (or its failure). */
  directoryResults: DirectorySearchAnswer
  /** The company directory's state changed outside a search, e.g. its offline copy refreshing. */
  directoryStatus: DirectoryStatus
  /** A watched line's state changed: a shown number's (as the window spelled it) or the desk phone's. */
  lineState: LineStatus
}

export type DeskDialEventName = keyof DeskDialEvents

/** What the preload exposes as `window.deskdial`. */
export type DeskDialApi = DeskDialCommands & {
  on<E extends DeskDialEventName>(event: E, listener: (payload: DeskDialEvents[E]) => void): () => void
}

export type DeskDialCommandName = keyof DeskDialCommands

export const COMMAND_CHANNEL_PREFIX = 'deskdial:cmd:'
export const EVENT_CHANNEL_PREFIX = 'deskdial:event:'

/** Every command, once, in its group: the compiler refuses a group that misses one of its commands or names one it lacks. */
export const COMMAND_GROUPS: {
  calls: Record<keyof CallCommands, true>
  contacts: Record<keyof ContactCommands, true>
  directory: Record<keyof DirectoryCommands, true>
  settings: Record<keyof SettingsCommands, true>
  demo: Record<keyof DemoCommands, true>
  diagnostics: Record<keyof DiagnosticsCommands, true>
  browser: Record<keyof BrowserCommands, true>
  lines: Record<keyof LineCommands, true>
  window: Record<keyof WindowCommands, true>
} = {
  calls: {
    getStatus: true,
    previewDial: true,
    dial: true,
    dismissCall: true,
    confirmLink: true,
    rejectLink: true,
    listHistory: true,
    clearHistory: true,
    clipboardNumber: true,
    selectionNumber: true
  },
  contacts: {
    listContacts: true,
    saveContact: true,
    deleteContact: true,
    previewContactImport: true,
    importContacts: true,
    exportContacts: true
  },
  directory: { searchDirectory: true, listFavourites: true, setFavourite: true },
  settings: {
    getSettings: true,
    saveSettings: true,
    testConnection: true,
    testDirectory: true,
    proposeDeskPhone: true
  },
  demo: { startDemo: true, leaveDemo: true },
  diagnostics: { callLadder: true, diagnosticsReport: true },
  browser: { browserConnections: true, installBrowserConnection: true, removeBrowserConnection: true },
  lines: { showLines: true },
  window: { hideWindow: true }
}

const COMMANDS: Record<DeskDialCommandName, true> = Object.assign({}, ...Object.values(COMMAND_GROUPS))

const EVENTS: Record<DeskDialEventName, true> = {
  callProgress: true,
  registration: true,
  pendingLink: true,
  navigate: true,
  settingsChanged: true,
  hotkeyProblem: true,
  directoryResults: true,
  directoryStatus: true,
  lineState: true
}

export const COMMAND_NAMES = Object.keys(COMMANDS) as readonly DeskDialCommandName[]
export const EVENT_NAMES = Object.keys(EVENTS) as readonly DeskDialEventName[]

export function isCommandName(name: string): name is DeskDialCommandName {
  return Object.hasOwn(COMMANDS, name)
}

export function commandChannel(name: DeskDialCommandName): string {
  return COMMAND_CHANNEL_PREFIX + name
}

export function eventChannel(name: DeskDialEventName): string {
  return EVENT_CHANNEL_PREFIX + name
}
