import { useEffect, useState } from 'react'
import type { BrowserConnection, BrowserConnections, BrowserId } from '../../../shared/ipc-contract'
import { errorText } from '../common/error-text'

const STATES: Record<BrowserConnection['state'], string> = {
  installed: 'installed',
  'not-installed': 'not installed',
  'browser-not-found': 'browser not found'
}

/** What is being done for which browser, for the line that shows it. */
interface Work {
  browser: BrowserId
  doing: string
}

/**
 * Settings → Browser: the connection between DeskDial's browser extension and the app, per
 * browser, as `deskdial browser-host install|uninstall|status` sets it up.
 */
export function BrowserConnectionsSection() {
  const [answer, setAnswer] = useState<BrowserConnections>()
  const [work, setWork] = useState<Work>()

  useEffect(() => {
    let current = true
    window.deskdial.browserConnections().then(
      (connections) => current && setAnswer(connections),
      (error: unknown) =>
        current && setAnswer({ browsers: [], error: `DeskDial could not look at your browsers: ${errorText(error)}` })
    )
    return () => {
      current = false
    }
  }, [])

  async function change(connection: BrowserConnection, install: boolean) {
    setWork({ browser: connection.browser, doing: install ? 'Installing' : 'Removing' })
    try {
      setAnswer(
        await (install
          ? window.deskdial.installBrowserConnection(connection.browser)
          : window.deskdial.removeBrowserConnection(connection.browser))
      )
    } catch (error) {
      setAnswer({ browsers: answer?.browsers ?? [], error: `DeskDial could not do it: ${errorText(error)}` })
    }
    setWork(undefined)
  }

  return (
    <>
      <p className="hint">
        The browser extension calls the numbers you click on web pages through DeskDial. Each browser needs this
        connection once.
      </p>
      {answer === undefined && <p role="status">Looking at your browsers…</p>}
      {answer?.error && (
        <p className="form-error" role="alert">
          {answer.error}
        </p>
      )}
      <ul className="browser-connections">
        {answer?.browsers.map((connection) => {
          const busy = work?.browser === connection.browser
          const id = `browser-connection-${connection.browser}`
          return (
            <li key={connection.browser} className={`browser-connection state-${connection.state}`}>
              <span id={id} role="status" title={connection.state === 'installed' ? connection.where : undefined}>
                {connection.name}: {busy ? `${work.doing}…` : STATES[connection.state]}
              </span>
              <button
                type="button"
                aria-describedby={id}
                disabled={work !== undefined}
                onClick={() => void change(connection, connection.state !== 'installed')}
              >
                {connection.state === 'installed' ? `Remove from ${connection.name}` : `Install for ${connection.name}`}
              </button>
            </li>
          )
        })}
      </ul>
    </>
  )
}
