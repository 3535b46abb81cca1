import { app } from 'electron'
import { DeskDialApp } from './app/desk-dial-app'
import { applyUserDataOverride } from './app/user-data'

applyUserDataOverride(app)
// One DeskDial per user: a second start hands its links (argv) to this one through `second-instance`.
if (app.requestSingleInstanceLock()) {
  new DeskDialApp(__dirname, process.argv).launch()
} else {
  app.quit()
}
