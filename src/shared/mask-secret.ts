/**
 * Hides a password in a log line. A password of one to three characters is left alone: masking it
 * would mangle ordinary words without protecting anything worth the name.
 */
const SHORTEST_MASKED = 4

export function maskSecret(text: string, secret: string | undefined): string {
  return secret && secret.length >= SHORTEST_MASKED ? text.split(secret).join('********') : text
}
