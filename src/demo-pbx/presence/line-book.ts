/**
 * What each phone of the demo phone system is doing: the dialogs of the calls it places, per
 * number, for its presence server. A dialog appears when the phone rings (early), becomes
 * confirmed when it answers, and disappears when its call ends; no dialogs means idle.
 * Bounded by the calls themselves (the phone system caps concurrent calls).
 */
export interface LineDialog {
  id: string
  state: 'early' | 'confirmed'
  /** The phone system calls every phone, so its phones are always the called party. */
  direction: 'recipient'
  /** The other party's number. */
  remote: string
}

export class LineBook {
  readonly #lines = new Map<string, Map<string, LineDialog>>()
  readonly #listeners = new Set<(number: string) => void>()

  dialogsOf(number: string): LineDialog[] {
    return [...(this.#lines.get(number)?.values() ?? [])]
  }

  /** Adds or updates a dialog of this phone. */
  set(number: string, dialog: LineDialog): void {
    const dialogs = this.#lines.get(number) ?? new Map<string, LineDialog>()
    this.#lines.set(number, dialogs)
    dialogs.set(dialog.id, dialog)
    this.#changed(number)
  }

  /** The dialog ended (a no-op when it is gone already). */
  end(number: string, id: string): void {
    const dialogs = this.#lines.get(number)
    if (!dialogs?.delete(id)) return
    if (dialogs.size === 0) this.#lines.delete(number)
    this.#changed(number)
  }

  /** Calls `listener` with the number of every phone whose dialogs change; returns the unsubscribe. */
  onChange(listener: (number: string) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #changed(number: string): void {
    for (const listener of this.#listeners) listener(number)
  }
}
