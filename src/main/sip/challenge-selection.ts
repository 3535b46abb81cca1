import { parseDigestAlgorithm, SUPPORTED_DIGEST_ALGORITHMS } from './digest-credentials'

/**
 * sip.js keeps only the last WWW-Authenticate / Proxy-Authenticate header of a response, so when a
 * server offers several challenges (RFC 8760: e.g. SHA-256 and MD5), we keep only the strongest
 * one we support before the message reaches the parser.
 */
const CHALLENGE_HEADER = /^(www-authenticate|proxy-authenticate)\s*:(.*)$/i

function strength(value: string): number {
  const match = /(?:^|[\s,])algorithm\s*=\s*"?([A-Za-z0-9-]+)"?/i.exec(value)
  if (!/^\s*digest\b/i.test(value)) return -1
  const parsed = parseDigestAlgorithm(match?.[1])
  if (!parsed) return -1
  return SUPPORTED_DIGEST_ALGORITHMS.length - SUPPORTED_DIGEST_ALGORITHMS.indexOf(parsed.algorithm)
}

export function keepStrongestChallenge(raw: string): string {
  if (!/^SIP\/2\.0 40[17] /.test(raw)) return raw
  const headerEnd = raw.indexOf('\r\n\r\n')
  if (headerEnd < 0) return raw
  const lines = raw.slice(0, headerEnd).split('\r\n')
  const challenges = lines
    .map((line, index) => ({ index, match: CHALLENGE_HEADER.exec(line) }))
    .filter((c): c is { index: number; match: RegExpExecArray } => c.match !== null)
  if (challenges.length < 2) return raw
  let best = challenges[0]
  for (const candidate of challenges) {
    if (strength(candidate.match[2]) > strength(best.match[2])) best = candidate
  }
  const drop = new Set(challenges.filter((c) => c !== best).map((c) => c.index))
  return lines.filter((_, index) => !drop.has(index)).join('\r\n') + raw.slice(headerEnd)
}
