import type { DemoPhoneSystemView } from '../../../shared/ipc-contract'

interface DemoPhoneSystemProps {
  demo: DemoPhoneSystemView
  leaving: boolean
  onLeave(): void
}

/** Settings while DeskDial uses its built-in demo phone system: what it is, what to dial, and the way out. */
export function DemoPhoneSystem({ demo, leaving, onLeave }: DemoPhoneSystemProps) {
  return (
    <div className="demo-phone-system" data-testid="demo-phone-system">
      <p>
        <strong>Demo phone system.</strong> DeskDial runs a phone system of its own on this computer ({demo.server}) and
        is registered to it. Your desk phone is its virtual phone {demo.deskPhone}, which answers by itself; then the
        number you call rings.
      </p>
      <p>Every number of three or four digits is a virtual phone that answers, e.g. {demo.answeringNumber}, except:</p>
      <ul className="demo-numbers">
        {demo.specialNumbers.map((special) => (
          <li key={special.number}>
            <span className="demo-number">{special.number}</span> {special.behaviour}
          </li>
        ))}
      </ul>
      <button type="button" className="primary" onClick={onLeave} disabled={leaving}>
        {leaving ? 'Stopping the demo…' : 'Use my own phone system'}
      </button>
    </div>
  )
}
