/** The message of anything thrown across the bridge, for the end of a sentence. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
