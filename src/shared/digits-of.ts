/** The digits of a phone number as written, so "+1 (201) 555-0123" and "12015550123" compare equal. */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '')
}
