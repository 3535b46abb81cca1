/** What became of a promise given a time limit: its value, or `done: false` when time ran out first. */
export type Settled<T> = { done: true; value: T } | { done: false }

/**
 * Waits for `promise` for at most `ms` milliseconds; the one time limit DeskDial puts on anything
 * (stopping a service, a connection test, quitting). The promise itself goes on; its rejection,
 * like its value, is the caller's.
 */
export function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms)
  })
  return Promise.race([promise.then((value): Settled<T> => ({ done: true, value })), timeout]).finally(() =>
    clearTimeout(timer)
  )
}
