/** Retry delays after a failure: exponential from `initialMs` to `maxMs`, with "equal jitter" so that many clients that failed together do not retry together. */
export interface BackoffPolicy {
  initialMs: number
  maxMs: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 2_000, maxMs: 300_000 }

/** Longest Retry-After we accept from a server before falling back to our own schedule. */
const MAX_RETRY_AFTER_SECONDS = 3_600

export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Parses a Retry-After value (RFC 3261 §20.33: seconds, optional comment and parameters). */
export function parseRetryAfterSeconds(value: string | undefined): number | undefined {
  const match = value ? /^\s*(\d{1,9})\b/.exec(value) : null
  if (!match) return undefined
  const seconds = Number(match[1])
  return seconds > 0 && seconds <= MAX_RETRY_AFTER_SECONDS ? seconds : undefined
}
