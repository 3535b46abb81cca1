/** The most digits a dial string may have: longer ones are refused before they reach the phone system. */
export const MAX_DIAL_DIGITS = 32
