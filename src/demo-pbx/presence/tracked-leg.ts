/**
 * A phone leg that tells the line book what its phone is doing: ringing (early), answered
 * (confirmed), and gone when it fails, hangs up or is stopped.
 */
import { randomToken } from '../sip-context'
import type { PhoneLeg, PhoneLegEvents } from '../phone-leg'
import type { LineBook } from './line-book'

/** `create` makes the real leg with the events given to it; `remote` is the other party's number. */
export function trackedLeg(
  lines: LineBook,
  number: string,
  remote: string,
  events: PhoneLegEvents,
  create: (events: PhoneLegEvents) => PhoneLeg
): PhoneLeg {
  const id = randomToken()
  const end = (): void => lines.end(number, id)
  const leg = create({
    ringing: () => {
      lines.set(number, { id, state: 'early', direction: 'recipient', remote })
      events.ringing()
    },
    answered: (sessionDescription) => {
      lines.set(number, { id, state: 'confirmed', direction: 'recipient', remote })
      events.answered(sessionDescription)
    },
    failed: (status, reason) => {
      end()
      events.failed(status, reason)
    },
    hungUp: () => {
      end()
      events.hungUp()
    }
  })
  return {
    number: leg.number,
    kind: leg.kind,
    invite: (offer) => leg.invite(offer),
    confirm: (answer) => leg.confirm(answer),
    cancel: () => {
      end()
      leg.cancel()
    }
  }
}
