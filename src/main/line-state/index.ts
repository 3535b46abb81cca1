/** Watching desk phones' lines (RFC 4235 dialog, RFC 3856 presence): what the service and the CLI use. */
export { LineWatch, MAX_WATCHED_LINES, type LineWatchOptions } from './line-watch'
export type { CallDirection, LineState, LineStatus } from './line-status'
export type { SubscriptionState, SubscriptionStatus } from './subscription-state'
