/** Promises that settle when something a test waits for has arrived, re-checked on every arrival. */
export class Waiters {
  readonly #listeners = new Set<() => void>()

  /** Something arrived: re-check every pending wait. */
  notify(): void {
    for (const listener of this.#listeners) listener()
  }

  /** Resolves with the first result of `find` that is not undefined; rejects with `failure()` after timeoutMs. */
  waitFor<T>(find: () => T | undefined, timeoutMs: number, failure: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const found = find()
        if (found === undefined) return
        done()
        resolve(found)
      }
      const timer = setTimeout(() => {
        done()
        reject(new Error(failure()))
      }, timeoutMs)
      const done = (): void => {
        clearTimeout(timer)
        this.#listeners.delete(check)
      }
      this.#listeners.add(check)
      check()
    })
  }
}
