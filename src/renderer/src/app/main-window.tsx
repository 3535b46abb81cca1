import { useEffect, useState } from 'react'
import type { AppStatus, SettingsView } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { FirstRunSetup } from '../first-run/first-run-setup'
import { Workspace } from './workspace'

/** The main window: loads the state once, then the first-run setup or the workspace. */
export function MainWindow() {
  const [status, setStatus] = useState<AppStatus>()
  const [settings, setSettings] = useState<SettingsView>()
  const [startError, setStartError] = useState<string>()

  useEffect(() => {
    Promise.all([window.deskdial.getStatus(), window.deskdial.getSettings()]).then(
      ([appStatus, view]) => {
        setStatus(appStatus)
        setSettings(view)
      },
      (error: unknown) => setStartError(`DeskDial could not load its state: ${errorText(error)}. Quit DeskDial from the tray and start it again.`)
    )
  }, [])

  useDeskDialEvent('registration', (registration) => setStatus((current) => current && { ...current, registration }))
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
  return <Workspace status={status} settings={settings} onSettingsSaved={setSettings} />
}
