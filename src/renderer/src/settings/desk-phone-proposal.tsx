import { useEffect, useState } from 'react'
import type { DeskPhoneProposal as Proposal } from '../../../shared/ipc-contract'
import { inputId } from './settings-draft'

interface DeskPhoneProposalProps {
  /** The desk phone number as typed: nothing is proposed once there is one. */
  line: string
  /** Whether the saved settings have the company directory on (asked once, when the form opens). */
  directoryOn: boolean
  onUse(deskPhone: string): void
}

function focusLine(): void {
  document.getElementById(inputId('account.line'))?.focus()
}

/**
 * "Is 1001 your desk phone?" from the company directory (issue 17 §3), with Yes and Choose
 * another; several people found are each offered. Nothing is filled in without a click.
 */
export function DeskPhoneProposal({ line, directoryOn, onUse }: DeskPhoneProposalProps) {
  const [proposal, setProposal] = useState<Proposal>({ state: 'none' })
  const [answered, setAnswered] = useState(false)

  useEffect(() => {
    if (!directoryOn) return
    let current = true
    void window.deskdial.proposeDeskPhone().then((answer) => {
      if (current) setProposal(answer)
    })
    return () => {
      current = false
    }
  }, [directoryOn])

  if (answered || line !== '' || proposal.state === 'none') return null
  const use = (deskPhone: string) => {
    setAnswered(true)
    onUse(deskPhone)
  }
  const chooseAnother = () => {
    setAnswered(true)
    focusLine()
  }
  return (
    <section className="desk-phone-proposal" aria-label="Your desk phone from the company directory">
      {proposal.state === 'found' ? (
        <>
          <p>
            Is {proposal.deskPhone} your desk phone? The company directory lists it for {proposal.name}.
          </p>
          <div className="inline-controls">
            <button type="button" className="primary" onClick={() => use(proposal.deskPhone)}>
              Yes
            </button>
            <button type="button" onClick={chooseAnother}>
              Choose another
            </button>
          </div>
        </>
      ) : (
        <>
          <p>The company directory lists several people with your login name. Which desk phone is yours?</p>
          <div className="inline-controls">
            {proposal.choices.map((choice) => (
              <button type="button" key={`${choice.deskPhone} ${choice.name}`} onClick={() => use(choice.deskPhone)}>
                {choice.deskPhone} ({choice.name})
              </button>
            ))}
            <button type="button" onClick={chooseAnother}>
              Choose another
            </button>
          </div>
        </>
      )}
    </section>
  )
}
