import { useEffect, useState } from 'react'
import type { RegistrationStatus } from '../../../shared/registration-status'
import { registrationSentence } from './registration-words'

interface RegistrationLineProps {
  status: RegistrationStatus
  user?: string
  hotkeyProblem?: string
}

/** Always visible at the bottom of the window: is DeskDial connected to the phone system? */
export function RegistrationLine({ status, user, hotkeyProblem }: RegistrationLineProps) {
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
      {hotkeyProblem && <p className="hotkey-problem">{hotkeyProblem}</p>}
    </footer>
  )
}
