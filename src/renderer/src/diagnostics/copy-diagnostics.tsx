import { useState } from 'react'
import { errorText } from '../common/error-text'

interface CopyDiagnosticsProps {
  /** One call's report (its id); the whole app's without. */
  callId?: string
  /** What the status line says once copied. */
  copiedText?: string
}

type CopyOutcome = { ok: true } | { ok: false; error: string }

/**
 * "Copy diagnostics": puts the plain-text report for the phone administrator on the clipboard.
 * The click is the user gesture the clipboard asks for.
 */
export function CopyDiagnostics({
  callId,
  copiedText = 'Copied: paste it into your message to the phone administrator.'
}: CopyDiagnosticsProps) {
  const [copying, setCopying] = useState(false)
  const [outcome, setOutcome] = useState<CopyOutcome>()

  async function copy() {
    setCopying(true)
    setOutcome(undefined)
    try {
      const report =
        callId === undefined
          ? await window.deskdial.diagnosticsReport()
          : await window.deskdial.diagnosticsReport(callId)
      await navigator.clipboard.writeText(report)
      setOutcome({ ok: true })
    } catch (error) {
      setOutcome({
        ok: false,
        error: `DeskDial could not copy the diagnostics: ${errorText(error).replace(/\.?$/, '.')} Try again.`
      })
    }
    setCopying(false)
  }

  return (
    <div className="copy-diagnostics">
      <button type="button" onClick={() => void copy()} disabled={copying}>
        Copy diagnostics
      </button>
      <span className={`copy-diagnostics-status${outcome && !outcome.ok ? ' failed' : ''}`} role="status">
        {outcome && (outcome.ok ? copiedText : outcome.error)}
      </span>
    </div>
  )
}
