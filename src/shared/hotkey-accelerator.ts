/**
 * Which quick-dial hotkeys DeskDial accepts. A global hotkey takes its keys away from every other
 * application, so it must be written as Electron understands it and must not be a combination
 * people use to type, edit or move around. The rules, checked for macOS and for Windows/Linux
 * (Electron maps the modifiers differently on each: CommandOrControl, Command, Super and Meta are
 * Cmd on macOS; elsewhere CommandOrControl is Ctrl and Command, Super and Meta are the Windows key):
 *
 * - F13 to F24 are free to use, with or without modifiers: no application relies on them.
 * - A key without a modifier, and Shift as the only modifier, are refused (typing, selecting).
 * - AltGr, and Alt/Option, as the only modifier (Shift aside) are refused with a letter, digit or
 *   sign: they type characters (AltGr everywhere, Option on macOS) or open menus. Alt alone is
 *   also refused with Tab, F4, Space, Escape, Return, Backspace and the arrow and Home/End keys.
 * - Ctrl on Windows/Linux and Cmd on macOS alone are refused with any letter, digit or sign and
 *   with the editing and moving keys (copy, paste, undo, save, select all, word jumps, zoom...);
 *   with Shift as well, with the letters A C F I N P R S T V W X Y Z, those keys and zoom.
 * - On Windows, Ctrl+Alt is AltGr, which types @ € [ ] { } and more on many keyboards: Ctrl+Alt
 *   (with or without Shift) is refused with a digit, a sign, E and Q.
 * - Everything else with at least two modifiers, such as CommandOrControl+Alt+D, is accepted.
 */

/** A hotkey such as CommandOrControl+Alt+D is far shorter; longer text is not read. */
const MAX_ACCELERATOR_LENGTH = 100

const EXAMPLE = 'CommandOrControl+Alt+D'

type Modifier = 'ctrl' | 'cmd' | 'cmdorctrl' | 'alt' | 'altgr' | 'shift' | 'super'

const MODIFIERS: Readonly<Record<string, Modifier>> = {
  control: 'ctrl',
  ctrl: 'ctrl',
  command: 'cmd',
  cmd: 'cmd',
  commandorcontrol: 'cmdorctrl',
  cmdorctrl: 'cmdorctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
  super: 'super',
  meta: 'super'
}

/** A modifier as it is on the keyboard of one platform. */
type Physical = 'Ctrl' | 'Cmd' | 'Win' | 'Alt' | 'AltGr' | 'Shift'

interface Platform {
  /** The modifier of copy, paste and undo. */
  editing: Physical
  physical: Readonly<Record<Modifier, Physical>>
  /** Ctrl+Alt acts as AltGr (Windows). */
  ctrlAltIsAltGr: boolean
}

const MAC: Platform = {
  editing: 'Cmd',
  physical: { ctrl: 'Ctrl', cmd: 'Cmd', cmdorctrl: 'Cmd', super: 'Cmd', alt: 'Alt', altgr: 'AltGr', shift: 'Shift' },
  ctrlAltIsAltGr: false
}

const WINDOWS_AND_LINUX: Platform = {
  editing: 'Ctrl',
  physical: { ctrl: 'Ctrl', cmd: 'Win', cmdorctrl: 'Ctrl', super: 'Win', alt: 'Alt', altgr: 'AltGr', shift: 'Shift' },
  ctrlAltIsAltGr: true
}

const SIGNS = `)!@#$%^&*(:;+=<,_->.?/~\`{]}[|\\"'`
/** Keys that edit text or move through it, in every application. */
const EDITING_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc'
])
/** Every named key an accelerator may use: the editing keys and the others. */
const NAMED_KEYS = new Set([
  ...EDITING_KEYS,
  'capslock',
  'numlock',
  'scrolllock',
  'printscreen',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv'
])
const SHIFTED_EDITING_LETTERS = new Set(['a', 'c', 'f', 'i', 'n', 'p', 'r', 's', 't', 'v', 'w', 'x', 'y', 'z'])
const ZOOM_SIGNS = new Set(['=', '-', '+'])
const CTRL_ALT_LETTERS = new Set(['e', 'q'])

function isFreeFunctionKey(key: string): boolean {
  return /^f(1[3-9]|2[0-4])$/.test(key)
}

function isKey(key: string): boolean {
  return (
    /^[a-z0-9]$/.test(key) ||
    (key.length === 1 && SIGNS.includes(key)) ||
    /^f([1-9]|1\d|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    NAMED_KEYS.has(key)
  )
}

/** Letters, digits and signs (also on the number pad): what types a character. */
function isPrintable(key: string): boolean {
  return (
    /^[a-z0-9]$/.test(key) || (key.length === 1 && SIGNS.includes(key)) || /^num([0-9]|dec|add|sub|mult|div)$/.test(key)
  )
}

/** The main keyboard's digits and signs, which AltGr turns into other characters (the number pad it leaves alone). */
function isDigitOrSign(key: string): boolean {
  return /^[0-9]$/.test(key) || (key.length === 1 && SIGNS.includes(key))
}

function malformed(accelerator: string, why: string): string {
  return `“${accelerator}” is not a hotkey DeskDial can use: ${why}. Write modifiers and one key joined by +, e.g. ${EXAMPLE}, or leave it empty for none.`
}

function refused(accelerator: string, why: string): string {
  return `The hotkey ${accelerator} ${why}, so DeskDial would take it away from every other application. Choose another, e.g. ${EXAMPLE}, or leave it empty for none.`
}

/** Why `key` with the modifiers `held` (as on `platform`) steals keys people need; undefined when it does not. */
function platformProblem(
  accelerator: string,
  held: ReadonlySet<Physical>,
  key: string,
  platform: Platform
): string | undefined {
  const only = (...modifiers: Physical[]): boolean =>
    held.size === modifiers.length && modifiers.every((modifier) => held.has(modifier))
  const within = (...modifiers: Physical[]): boolean => [...held].every((modifier) => modifiers.includes(modifier))
  if (held.size === 0)
    return refused(accelerator, 'has no modifier: it is a key people type with (only F13 to F24 may stand alone)')
  if (only('Shift'))
    return refused(accelerator, 'has only Shift as modifier, which types capitals and signs and selects text')
  if (held.has('AltGr') && within('AltGr', 'Shift') && isPrintable(key))
    return refused(accelerator, 'types a character with AltGr on many keyboards')
  if (held.has('Alt') && within('Alt', 'Shift')) {
    if (isPrintable(key))
      return refused(accelerator, 'types a character with Option on macOS and opens menus elsewhere')
    if (only('Alt') && (EDITING_KEYS.has(key) || key === 'f4'))
      return refused(accelerator, 'switches or closes windows, or moves back and forward')
  }
  const editing = platform.editing
  if (only(editing) && (isPrintable(key) || EDITING_KEYS.has(key) || key === 'f4')) {
    return refused(
      accelerator,
      `is a ${editing} shortcut that applications use (copy, paste, undo, save, select all, close, zoom and the like)`
    )
  }
  if (only(editing, 'Shift') && (SHIFTED_EDITING_LETTERS.has(key) || EDITING_KEYS.has(key) || ZOOM_SIGNS.has(key))) {
    return refused(
      accelerator,
      `is a ${editing}+Shift shortcut that applications use (redo, paste as text, select to the start or end, reopen a tab and the like)`
    )
  }
  if (
    platform.ctrlAltIsAltGr &&
    held.has('Ctrl') &&
    held.has('Alt') &&
    within('Ctrl', 'Alt', 'Shift') &&
    (isDigitOrSign(key) || CTRL_ALT_LETTERS.has(key))
  ) {
    return refused(
      accelerator,
      'types a character on Windows with many keyboards, where Ctrl+Alt is AltGr (such as @, €, [ and {)'
    )
  }
  return undefined
}

/**
 * What is wrong with `accelerator` as the quick-dial hotkey, as a sentence that says what to do;
 * undefined when DeskDial can use it. An empty text means "no hotkey" in the settings: check for
 * that before calling (it is refused here as malformed). Names are case-insensitive, as in Electron.
 */
export function hotkeyProblem(accelerator: string): string | undefined {
  if (accelerator.length > MAX_ACCELERATOR_LENGTH)
    return `This hotkey is longer than ${MAX_ACCELERATOR_LENGTH} characters. Write modifiers and one key joined by +, e.g. ${EXAMPLE}.`
  if (!/^[\x21-\x7E]*$/.test(accelerator)) {
    return /^[\x20-\x7E]*$/.test(accelerator)
      ? malformed(accelerator, 'it contains spaces')
      : `This hotkey contains characters that are in no key name. Write modifiers and one key joined by +, e.g. ${EXAMPLE}.`
  }
  if (accelerator === '') return malformed(accelerator, 'it is empty')
  const parts = accelerator.split('+')
  if (parts.some((part) => part === ''))
    return malformed(accelerator, 'it has an empty part between two + signs (write the + key as Plus)')
  const modifiers = new Set<Modifier>()
  let key: string | undefined
  for (const part of parts) {
    const name = part.toLowerCase()
    const modifier = MODIFIERS[name]
    if (modifier !== undefined) {
      if (key !== undefined) return malformed(accelerator, `the key ${key} must come last, after the modifiers`)
      if (modifiers.has(modifier)) return malformed(accelerator, `it names ${part} twice`)
      modifiers.add(modifier)
    } else if (!isKey(name)) {
      return malformed(
        accelerator,
        `“${part}” is neither a modifier (CommandOrControl, Ctrl, Cmd, Alt, Option, AltGr, Shift, Super) nor a key Electron knows`
      )
    } else if (key !== undefined) {
      return malformed(accelerator, `it names two keys, ${key} and ${part}, and a hotkey has one`)
    } else {
      key = part
    }
  }
  if (key === undefined) return malformed(accelerator, 'it has modifiers but no key')
  const name = key.toLowerCase()
  if (isFreeFunctionKey(name)) return undefined
  for (const platform of [WINDOWS_AND_LINUX, MAC]) {
    const held = new Set([...modifiers].map((modifier) => platform.physical[modifier]))
    const problem = platformProblem(accelerator, held, name, platform)
    if (problem) return problem
  }
  return undefined
}
