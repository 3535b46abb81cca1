/**
 * The bridge between the sandboxed renderer and the main process: `window.deskdial` with one
 * method per command of the contract and `on(event, listener)` for events. ipcRenderer itself is
 * never exposed. Built as CommonJS requiring only `electron`, as a sandboxed preload must be.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { COMMAND_NAMES, commandChannel, EVENT_NAMES, eventChannel, type DeskDialApi, type DeskDialEventName, type DeskDialEvents } from '../shared/ipc-contract'

const commands = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (...args: unknown[]) => ipcRenderer.invoke(commandChannel(name), ...args)]))

const api = {
  ...commands,
  on<E extends DeskDialEventName>(event: E, listener: (payload: DeskDialEvents[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new Error(`DeskDial has no event "${String(event)}".`)
    const channel = eventChannel(event)
    const forward = (_event: IpcRendererEvent, payload: DeskDialEvents[E]) => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => {
      ipcRenderer.removeListener(channel, forward)
    }
  }
} as DeskDialApi

contextBridge.exposeInMainWorld('deskdial', api)
