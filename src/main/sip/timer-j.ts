/**
 * Timer J of a non-INVITE server transaction, per transport (RFC 3261 17.2.2): 64*T1 over UDP,
 * so a retransmitted request (a NOTIFY, say) is answered again from the transaction and passed up
 * once; zero over TCP and TLS, which never retransmit, so the transaction ends with its answer.
 * sip.js reads one global `Timers.TIMER_J` (0, as if every transport were reliable) at the moment
 * a transaction completes; this sets it from that transaction's transport just before.
 */
import { Core } from 'sip.js'

/** Timer J in ms for a transport whose Via protocol is `protocol` (`UDP`, `TCP`, `TLS`). */
export function timerJ(protocol: string | undefined): number {
  return protocol?.toUpperCase() === 'UDP' ? 64 * Core.Timers.T1 : 0
}

type StateTransition = (this: Core.NonInviteServerTransaction, ...args: unknown[]) => void
const transactions = Core.NonInviteServerTransaction.prototype as unknown as { stateTransition: StateTransition }
const sipjsTransition = transactions.stateTransition

/** Makes every non-INVITE server transaction use {@link timerJ} of its own transport. Safe to call more than once. */
export function useTimerJPerTransport(): void {
  transactions.stateTransition = function (this: Core.NonInviteServerTransaction, ...args: unknown[]): void {
    Core.Timers.TIMER_J = timerJ((this.transport as { protocol?: string }).protocol)
    sipjsTransition.apply(this, args)
  }
}
