import { useState } from 'react'

const DISMISSED_KEY = 'deskdial.dismissedNotice'

/** A one-time message about the settings file (e.g. a corrupt file was backed up): shown until dismissed, once. */
export function NoticeBanner({ notice }: { notice?: string }) {
  const [dismissed, setDismissed] = useState(() => window.localStorage.getItem(DISMISSED_KEY))
  if (!notice || dismissed === notice) return null
  return (
    <div className="notice-banner" role="alert">
      <p>{notice}</p>
      <button
        type="button"
        className="quiet"
        onClick={() => {
          window.localStorage.setItem(DISMISSED_KEY, notice)
          setDismissed(notice)
        }}
      >
        Got it
      </button>
    </div>
  )
}
