/** Electron accelerators for the quick-dial hotkey: what `globalShortcut` understands. */
const MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta'])
const NAMED_KEYS = new Set([
  'plus', 'space', 'tab', 'capslock', 'numlock', 'scrolllock', 'backspace', 'delete', 'insert', 'return', 'enter',
  'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown', 'escape', 'esc', 'printscreen',
  'numadd', 'numsub', 'nummult', 'numdiv', 'numdec'
])

/** Whether Electron's `globalShortcut` would understand `accelerator` (modifiers, then one key). */
export function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+')
  const key = parts.pop() ?? ''
  if (parts.length === 0 || !parts.every((part) => MODIFIERS.has(part.toLowerCase()))) return false
  return /^[A-Za-z0-9]$/.test(key) || /^[)!@#$%^&*(:;:+=<,_\->.?/~`{\]}[|\\"']$/.test(key) || /^F([1-9]|1\d|2[0-4])$/.test(key) || /^num[0-9]$/.test(key) || NAMED_KEYS.has(key.toLowerCase())
}
