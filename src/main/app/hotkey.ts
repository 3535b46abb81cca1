import type { GlobalShortcut } from 'electron'

/**
 * Registers the quick-dial hotkey in place of the previous one. Returns a sentence for the user
 * when the system refuses it (another application owns it), or undefined when it works or when
 * the user chose no hotkey.
 */
export function registerQuickDialHotkey(
  globalShortcut: GlobalShortcut,
  previous: string | undefined,
  accelerator: string,
  onPress: () => void
): string | undefined {
  if (previous) globalShortcut.unregister(previous)
  if (accelerator === '') return undefined
  let registered: boolean
  try {
    registered = globalShortcut.register(accelerator, onPress)
  } catch {
    registered = false
  }
  if (registered) return undefined
  const wayland = process.platform === 'linux' && process.env.XDG_SESSION_TYPE === 'wayland'
  return wayland
    ? `The quick-dial hotkey ${accelerator} could not be registered: on Wayland, allow DeskDial's shortcut in your desktop's settings, or choose another hotkey in Settings.`
    : `The quick-dial hotkey ${accelerator} could not be registered: another application probably uses it. Choose another hotkey in Settings.`
}
