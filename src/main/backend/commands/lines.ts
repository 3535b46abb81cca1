import type { LineCommands } from '../../../shared/ipc-contract'
import type { BackendParts } from '../backend-parts'

/** The desk phones' lines the windows show: watched while shown, their states as `lineState` events. */
export function lines(parts: BackendParts): LineCommands {
  return {
    showLines: async (numbers) => parts.lineWatch.show(numbers)
  }
}
