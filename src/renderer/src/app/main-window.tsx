import { useEffect, useState } from 'react'
import type { AppStatus, SettingsView } from '../../../shared/ipc-contract'
import type { RegistrationStatus } from '../../../shared/registration-status'
import { errorText } from '../common/error-text'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { FirstRunSetup } from '../first-run/first-run-setup'
import { Workspace } from './workspace'

/** The main window: loads the state once, then the first-run setup or the workspace. */
export function MainWindow() {
  const [status, setStatus] = useState<AppStatus>()
  const [settings, setSettings] = useState<SettingsView>()
  const [startError, setStartError] = useState<string>()
  // Events may overtake the getStatus answer: keep the latest one and show whichever is newer.
  const [registrationEvent, setRegistrationEvent] = useState<RegistrationStatus>()

  useEffect(() => {
    Promise.all([window.deskdial.getStatus(), window.deskdial.getSettings()]).then(
      ([appStatus, view]) => {
        setStatus(appStatus)
        setSettings(view)
      },
      (error: unknown) =>
        setStartError(
          `DeskDial could not load its state: ${errorText(error)}. Quit DeskDial from the tray and start it again.`
        )
    )
  }, [])

  useDeskDialEvent('registration', setRegistrationEvent)
  useDeskDialEvent('settingsChanged', setSettings)

  if (startError) {
    return (
      <main className="startup">
        <p className="form-error" role="alert">
          {startError}
        </p>
      </main>
    )
  }
  if (!status || !settings) {
    return (
      <main className="startup" aria-busy="true">
        <p>
          <span className="spinner" aria-hidden="true" /> Starting DeskDial…
        </p>
      </main>
    )
  }
  if (settings.firstRun) return <FirstRunSetup view={settings} onDone={setSettings} />
  const registration =
    registrationEvent && registrationEvent.at >= status.registration.at ? registrationEvent : status.registration
  return <Workspace status={status} registration={registration} settings={settings} onSettingsSaved={setSettings} />
}
