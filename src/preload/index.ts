/**
 * The bridge between the sandboxed renderer and the main process: `window.deskdial` with one
 * method per command of the contract and `on(event, listener)` for events. ipcRenderer itself is
 * never exposed. Built as CommonJS requiring only `electron`, as a sandboxed preload must be.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  commandChannel,
  EVENT_NAMES,
  eventChannel,
  type DeskDialApi,
  type DeskDialCommandName,
  type DeskDialCommands,
  type DeskDialEventName,
  type DeskDialEvents
} from '../shared/ipc-contract'

function invoke<K extends DeskDialCommandName>(
  name: K,
  ...args: Parameters<DeskDialCommands[K]>
): ReturnType<DeskDialCommands[K]> {
  return ipcRenderer.invoke(commandChannel(name), ...args) as ReturnType<DeskDialCommands[K]>
}

// Written out command by command: the compiler checks that the bridge has every command of the contract.
const api: DeskDialApi = {
  getStatus: () => invoke('getStatus'),
  previewDial: (target) => invoke('previewDial', target),
  dial: (request) => invoke('dial', request),
  dismissCall: (callId) => invoke('dismissCall', callId),
  confirmLink: (linkId) => invoke('confirmLink', linkId),
  rejectLink: (linkId) => invoke('rejectLink', linkId),
  listContacts: () => invoke('listContacts'),
  saveContact: (draft) => invoke('saveContact', draft),
  deleteContact: (id) => invoke('deleteContact', id),
  searchDirectory: (query, limit) => invoke('searchDirectory', query, limit),
  listFavourites: () => invoke('listFavourites'),
  setFavourite: (target, starred) => invoke('setFavourite', target, starred),
  showLines: (numbers) => invoke('showLines', numbers),
  previewContactImport: (file, mapping) => invoke('previewContactImport', file, mapping),
  importContacts: (file, mapping) => invoke('importContacts', file, mapping),
  exportContacts: (format) => invoke('exportContacts', format),
  listHistory: () => invoke('listHistory'),
  clearHistory: () => invoke('clearHistory'),
  getSettings: () => invoke('getSettings'),
  saveSettings: (update) => invoke('saveSettings', update),
  testConnection: (update) => invoke('testConnection', update),
  testDirectory: (directory, password) => invoke('testDirectory', directory, password),
  proposeDeskPhone: () => invoke('proposeDeskPhone'),
  startDemo: () => invoke('startDemo'),
  leaveDemo: () => invoke('leaveDemo'),
  clipboardNumber: () => invoke('clipboardNumber'),
  selectionNumber: () => invoke('selectionNumber'),
  hideWindow: () => invoke('hideWindow'),
  callLadder: (callId) => invoke('callLadder', callId),
  diagnosticsReport: (callId) => invoke('diagnosticsReport', callId),
  browserConnections: () => invoke('browserConnections'),
  installBrowserConnection: (browser) => invoke('installBrowserConnection', browser),
  removeBrowserConnection: (browser) => invoke('removeBrowserConnection', browser),
  on<E extends DeskDialEventName>(event: E, listener: (payload: DeskDialEvents[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`DeskDial has no event "${String(event)}".`)
    const channel = eventChannel(event)
    const forward = (_event: IpcRendererEvent, payload: DeskDialEvents[E]) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  }
}

contextBridge.exposeInMainWorld('deskdial', api)
