import { cloneElement, createContext, isValidElement, use, type ReactNode } from 'react'
import type { PolicyView } from '../../../shared/ipc-contract'

/** What the administrator's policy does to the settings form's fields. */
interface PolicyFields {
  /** Dotted settings keys shown disabled, "Set by your administrator". */
  locked: ReadonlySet<string>
  /** Keys not asked at all: on the first run, what the policy already answers. */
  hidden: ReadonlySet<string>
}

const NO_POLICY: PolicyFields = { locked: new Set(), hidden: new Set() }

const PolicyFieldsContext = createContext<PolicyFields>(NO_POLICY)

export const SET_BY_ADMINISTRATOR = 'Set by your administrator'

interface PolicyFieldsProviderProps {
  policy: PolicyView
  /** The first run skips what the policy locks or gives a default. */
  skipAnswered?: boolean
  children: ReactNode
}

export function PolicyFieldsProvider({ policy, skipAnswered, children }: PolicyFieldsProviderProps) {
  const locked = new Set(policy.locked)
  const hidden = skipAnswered ? new Set([...policy.locked, ...policy.defaults]) : new Set<string>()
  return <PolicyFieldsContext value={{ locked, hidden }}>{children}</PolicyFieldsContext>
}

/** How the policy treats `field`: `hidden` (not asked), `locked` (shown disabled) or `undefined`. */
export function usePolicyField(field: string): 'hidden' | 'locked' | undefined {
  const policy = use(PolicyFieldsContext)
  if (policy.hidden.has(field)) return 'hidden'
  return policy.locked.has(field) ? 'locked' : undefined
}

/** The id of a locked field's "Set by your administrator". */
export function lockedSentenceId(inputId: string): string {
  return `${inputId}-locked`
}

/** A locked field's control, disabled and described by "Set by your administrator". */
export function LockedControl({ inputId, children }: { inputId: string; children: ReactNode }) {
  const described = isValidElement<{ 'aria-describedby'?: string }>(children)
    ? cloneElement(children, {
        'aria-describedby': [children.props['aria-describedby'], lockedSentenceId(inputId)].filter(Boolean).join(' ')
      })
    : children
  return (
    <>
      <fieldset className="locked-field" disabled>
        {described}
      </fieldset>
      <p className="hint locked-by-policy" id={lockedSentenceId(inputId)}>
        {SET_BY_ADMINISTRATOR}
      </p>
    </>
  )
}

/** Which policy (file or URL) manages DeskDial, when one does. */
export function ManagedBy({ policy }: { policy: PolicyView }) {
  if (policy.sources.length === 0) return null
  return (
    <p className="policy-note" role="note">
      Managed by {policy.sources.join(' and ')}: your administrator sets the settings marked “{SET_BY_ADMINISTRATOR}”
      and may give others a default.
    </p>
  )
}
