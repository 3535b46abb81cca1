/**
 * One leg of a click-to-dial call: the demo phone system calling one phone, real or virtual.
 *
 * ```
 * idle --invite()--> inviting --1xx--> ringing --2xx--> answered --confirm()--> confirmed
 *                       |                 |                 |                     |
 *                       +-- cancel() / final error ---------+-- hangUp() / BYE ---+--> ended
 * ```
 * `answered` carries the phone's session description: its offer when it was invited without one,
 * else its answer. `confirm()` completes the handshake (the ACK), with an answer when the phone offered.
 */
export interface PhoneLegEvents {
  ringing(): void
  answered(sessionDescription: string): void
  /** Ended before it was answered: the SIP status and reason phrase (487 after cancel(), 408 when the phone never answered). */
  failed(status: number, reason: string): void
  /** The phone hung up (BYE) after it had answered. */
  hungUp(): void
}

export interface PhoneLeg {
  readonly number: string
  /** Whether a real phone (a registration) is called, or a virtual one. */
  readonly kind: 'phone' | 'virtual'
  invite(offer: string | undefined): void
  confirm(answer: string | undefined): void
  /** Stops the leg whatever its state: CANCEL while it rings, BYE once answered. Reports nothing more. */
  cancel(): void
}
