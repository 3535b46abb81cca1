/**
 * `deskdial watch <number>...`: subscribes to each line and prints each change, as sentences or
 * (with --json) one object per line, until --duration ends or the user interrupts; then
 * unsubscribes, bounded in time.
 */
import type { LineStatus, SubscriptionStatus } from '../main/line-state'
import type { DeskDialService } from '../main/service/deskdial-service'
import { meansNoAnswer } from '../shared/no-answer'

export interface WatchCommand {
  numbers: string[]
  durationSeconds?: number
  json: boolean
}

/** Exit codes as for `dial` (see deskdial.ts). */
export interface WatchExitCodes {
  connected: number
  failed: number
  unreachable: number
}

const STATE_WORDS: Record<LineStatus['state'], string> = {
  idle: 'is free',
  ringing: 'is ringing',
  dialing: 'is calling out',
  'in-call': 'is in a call',
  unknown: 'cannot be seen'
}

function lineSentence(status: LineStatus): string {
  const who =
    status.remoteName && status.remote
      ? `${status.remoteName} (${status.remote})`
      : (status.remoteName ?? status.remote)
  let detail = ''
  if (who && status.state === 'ringing') detail = `: a call from ${who}`
  else if (who && status.state === 'dialing') detail = `: calling ${who}`
  else if (who && status.state === 'in-call') detail = ` with ${who}`
  return `${status.number} ${STATE_WORDS[status.state]}${detail}.`
}

function lineEvent(status: LineStatus): string {
  return JSON.stringify({
    event: 'line',
    number: status.number,
    state: status.state,
    ...(status.remote !== undefined && { remote: status.remote }),
    ...(status.direction !== undefined && { direction: status.direction })
  })
}

function subscriptionEvent(status: SubscriptionStatus): string {
  return JSON.stringify({ event: 'subscription', number: status.number, state: status.state, reason: status.reason })
}

/** Resolves after `durationSeconds`, or at SIGINT/SIGTERM (without a duration, only then). */
function watchTime(durationSeconds: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    const end = (): void => {
      clearTimeout(timer)
      process.off('SIGINT', end)
      process.off('SIGTERM', end)
      resolve()
    }
    const timer = durationSeconds === undefined ? undefined : setTimeout(end, durationSeconds * 1_000)
    process.once('SIGINT', end)
    process.once('SIGTERM', end)
  })
}

/** Watches the lines on a service that is up; returns the exit code. */
export async function watchLines(
  service: DeskDialService,
  command: WatchCommand,
  write: (line: string) => void,
  exit: WatchExitCodes
): Promise<number> {
  const everWatched = new Set<string>()
  const last = new Map<string, SubscriptionStatus>()
  const unsubscribeLines = service.lines.onLine((status) =>
    write(command.json ? lineEvent(status) : lineSentence(status))
  )
  const unsubscribeSubscriptions = service.lines.onSubscription((status) => {
    last.set(status.number, status)
    if (status.state === 'active' || status.state === 'pending') everWatched.add(status.number)
    if (status.state === 'subscribing') return
    write(command.json ? subscriptionEvent(status) : `${status.number}: ${status.reason}`)
  })
  try {
    for (const number of command.numbers) service.lines.watch(number)
    await watchTime(command.durationSeconds)
    const before = new Map(last)
    await service.lines.stop()
    if (command.numbers.some((number) => everWatched.has(number))) return exit.connected
    // No line could be watched: refused, or answered with an error, is a failure; silence is unreachable.
    const outcomes = command.numbers.map((number) => before.get(number))
    const failed = (status: SubscriptionStatus | undefined): boolean =>
      status?.state === 'refused' || (status?.code !== undefined && !meansNoAnswer(status.code))
    return outcomes.some(failed) ? exit.failed : exit.unreachable
  } finally {
    unsubscribeLines()
    unsubscribeSubscriptions()
  }
}
