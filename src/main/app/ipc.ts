import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { COMMAND_NAMES, commandChannel, type DeskDialCommands } from '../../shared/ipc-contract'
import { checkCommandArguments } from '../backend/command-arguments'

/**
 * One handler per command channel. Each checks that the message comes from DeskDial's own
 * renderer (its main frame's URL) and that the arguments have the contract's shape; a rejection is
 * a sentence the renderer can show.
 */
export function registerCommandHandlers(ipcMain: IpcMain, commands: DeskDialCommands, isRenderer: (frameUrl: string) => boolean): void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isRenderer(frame.url)) {
        throw new Error('DeskDial only takes commands from its own window.')
      }
      const checked = checkCommandArguments(name, args)
      if (!checked.ok) throw new Error(checked.error)
      return (commands[name] as (...values: unknown[]) => Promise<unknown>).apply(commands, args)
    })
  }
}
