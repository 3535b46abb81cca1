import { useState } from 'react'
import type { SaveResult, SettingsView } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'

export interface DemoSwitch {
  busy: boolean
  error?: string
  /** Runs startDemo or leaveDemo; calls `onDone` with the new settings when it worked. */
  run(change: 'startDemo' | 'leaveDemo', onDone: (view: SettingsView) => void): Promise<void>
}

const FAILED: Record<'startDemo' | 'leaveDemo', string> = {
  startDemo: 'The demo phone system could not be started',
  leaveDemo: 'The demo phone system could not be stopped'
}

/** Starting or leaving the built-in demo phone system, with its progress and its error sentence. */
export function useDemoSwitch(): DemoSwitch {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function run(change: 'startDemo' | 'leaveDemo', onDone: (view: SettingsView) => void) {
    setBusy(true)
    setError(undefined)
    let result: SaveResult
    try {
      result = await window.deskdial[change]()
    } catch (thrown) {
      result = { ok: false, error: `${FAILED[change]}: ${errorText(thrown)}. Try again.` }
    }
    setBusy(false)
    if (result.ok) onDone(result.view)
    else setError(result.error)
  }

  return { busy, error, run }
}
