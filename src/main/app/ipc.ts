import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { COMMAND_NAMES, commandChannel, type DeskDialCommands } from '../../shared/ipc-contract'
import { dispatchCommand } from '../backend/command-dispatcher'

/**
 * One handler per command channel. Each checks that the message comes from DeskDial's own
 * renderer (its main frame's URL), then hands it to the dispatcher, which checks the arguments;
 * a rejection is a sentence the renderer can show. `commandsFor` gives the commands as seen from
 * the window that sent the message (so that "hide window" hides that window).
 */
export function registerCommandHandlers(
  ipcMain: IpcMain,
  commandsFor: (event: IpcMainInvokeEvent) => DeskDialCommands,
  isRenderer: (frameUrl: string) => boolean
): void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isRenderer(frame.url)) {
        throw new Error('DeskDial only takes commands from its own window.')
      }
      return dispatchCommand(commandsFor(event), name, args)
    })
  }
}
