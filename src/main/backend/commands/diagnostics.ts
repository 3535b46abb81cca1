import type { DiagnosticsCommands } from '../../../shared/ipc-contract'
import type { BackendParts } from '../backend-parts'

/** The call ladder and the report for the phone administrator. */
export function diagnostics(parts: BackendParts): DiagnosticsCommands {
  return {
    callLadder: async (callId) => parts.diagnostics.callLadder(callId),
    diagnosticsReport: async (callId) => parts.diagnostics.report(callId)
  }
}
