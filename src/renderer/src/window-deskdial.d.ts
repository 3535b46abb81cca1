import type { DeskDialApi } from '../../shared/ipc-contract'

declare global {
  interface Window {
    /** The preload's bridge to the main process: one method per action, plus events. */
    readonly deskdial: DeskDialApi
  }
}
