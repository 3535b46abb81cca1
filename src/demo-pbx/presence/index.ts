/** The demo phone system's presence server: what its phones do, and the subscriptions to them. */
export { LineBook } from './line-book'
export { PresenceServer } from './presence-server'
export { trackedLeg } from './tracked-leg'
