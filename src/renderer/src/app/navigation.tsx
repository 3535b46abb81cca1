import type { ReactNode } from 'react'
import { VIEWS, type ViewName } from './views'

const ICONS: Record<ViewName, ReactNode> = {
  calls: (
    <path d="M6.6 3.5l2 3.6-1.4 1.6a10 10 0 004.1 4.1l1.6-1.4 3.6 2-.7 2.8c-.2.6-.8 1-1.4.9C8.2 16.5 3.5 11.8 2.9 5.6c0-.6.3-1.2.9-1.4z" />
  ),
  contacts: (
    <>
      <circle cx="10" cy="7" r="3.2" />
      <path d="M3.8 17c.6-3.2 3.2-5 6.2-5s5.6 1.8 6.2 5" />
    </>
  ),
  history: (
    <>
      <circle cx="10" cy="10" r="7" />
      <path d="M10 6v4.3l2.8 1.8" />
    </>
  ),
  settings: (
    <>
      <circle cx="10" cy="10" r="2.6" />
      <path d="M10 2.5v2.2M10 15.3v2.2M2.5 10h2.2M15.3 10h2.2M4.7 4.7l1.6 1.6M13.7 13.7l1.6 1.6M4.7 15.3l1.6-1.6M13.7 6.3l1.6-1.6" />
    </>
  )
}

interface NavigationProps {
  current: ViewName
  onChange(view: ViewName): void
  /** Calls in progress, shown as a count beside Calls. */
  liveCalls: number
}

export function Navigation({ current, onChange, liveCalls }: NavigationProps) {
  return (
    <nav className="navigation" aria-label="DeskDial">
      <p className="brand" aria-hidden="true">
        DeskDial
      </p>
      <ul>
        {VIEWS.map((view) => (
          <li key={view.name}>
            <button
              type="button"
              className="nav-item"
              aria-current={view.name === current ? 'page' : undefined}
              aria-keyshortcuts={`Control+${view.shortcut}`}
              onClick={() => onChange(view.name)}
            >
              <svg viewBox="0 0 20 20" aria-hidden="true" className="nav-icon">
                {ICONS[view.name]}
              </svg>
              <span className="nav-label">{view.label}</span>
              {view.name === 'calls' && liveCalls > 0 && (
                <span className="nav-badge" aria-label={`${liveCalls} in progress`}>
                  {liveCalls}
                </span>
              )}
              <kbd aria-hidden="true">Ctrl {view.shortcut}</kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}
