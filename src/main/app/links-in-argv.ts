/** The schemes DeskDial registers with the operating system. */
export const LINK_SCHEMES = ['tel', 'sip', 'callto'] as const

const LINK = /^(?:tel|sips?|callto):/i

/**
 * Links in a command line: what Windows and Linux pass when DeskDial opens a tel:, sip: or callto:
 * link (at first launch in `process.argv`, later in `second-instance`). Everything else on the
 * command line (the executable, Chromium switches) is ignored.
 */
export function linksInArgv(argv: readonly string[]): string[] {
  return argv.slice(1).filter((argument) => LINK.test(argument))
}
