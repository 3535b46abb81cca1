import { Notification } from 'electron'
import type { DesktopNotice } from '../backend/call-notices'

/** Shows a desktop notification where the system supports them; otherwise the window is the only place. */
export function showNotice(notice: DesktopNotice): void {
  if (!Notification.isSupported()) return
  new Notification({ title: notice.title, body: notice.body, silent: true }).show()
}
