import { useEffect, useState } from 'react'
import type { RegistrationStatus } from '../../../shared/registration-status'
import { DeskPhoneLine } from './desk-phone-line'
import { registrationSentence } from './registration-words'

interface RegistrationLineProps {
  status: RegistrationStatus
  user?: string
  /** The desk phone's number: its line's state is shown beside the registration. */
  deskPhone?: string
  hotkeyProblem?: string
  /** DeskDial uses its built-in demo phone system. */
  demo: boolean
  onLeaveDemo(): void
  leavingDemo: boolean
}

/** Always visible at the bottom of the window: is DeskDial connected to the phone system? */
export function RegistrationLine({
  status,
  user,
  deskPhone,
  hotkeyProblem,
  demo,
  onLeaveDemo,
  leavingDemo
}: RegistrationLineProps) {
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    if (status.state !== 'retrying') return
    const timer = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(timer)
  }, [status])

  return (
    <footer className="status-line">
      <p className={`registration registration-${status.state}`} data-testid="registration-status">
        <span className="status-dot" aria-hidden="true" />
        {registrationSentence(status, user, Math.max(now, status.at))}
      </p>
      <DeskPhoneLine line={deskPhone} />
      {demo && (
        <p className="demo-badge" data-testid="demo-badge">
          Demo phone system
          <button type="button" className="quiet" onClick={onLeaveDemo} disabled={leavingDemo}>
            {leavingDemo ? 'Stopping the demo…' : 'Use my own phone system'}
          </button>
        </p>
      )}
      {hotkeyProblem && <p className="hotkey-problem">{hotkeyProblem}</p>}
    </footer>
  )
}
