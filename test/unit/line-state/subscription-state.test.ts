import { describe, expect, it } from 'vitest'
import {
  canMoveSubscription,
  SUBSCRIPTION_TRANSITIONS,
  type SubscriptionState
} from '../../../src/main/line-state/subscription-state'

describe('the subscription state machine', () => {
  it('allows the arrows its diagram draws', () => {
    const drawn: Array<[SubscriptionState, SubscriptionState]> = [
      ['subscribing', 'pending'],
      ['subscribing', 'active'],
      ['pending', 'active'],
      ['active', 'terminated'],
      ['terminated', 'subscribing'],
      ['subscribing', 'refused'],
      ['refused', 'terminated']
    ]
    for (const [from, to] of drawn) expect(canMoveSubscription(from, to), `${from} → ${to}`).toBe(true)
  })

  it('refuses arrows it does not draw: a refusal is final, a renewal starts by subscribing', () => {
    const undrawn: Array<[SubscriptionState, SubscriptionState]> = [
      ['refused', 'subscribing'],
      ['refused', 'active'],
      ['terminated', 'active'],
      ['active', 'subscribing'],
      ['active', 'pending']
    ]
    for (const [from, to] of undrawn) expect(canMoveSubscription(from, to), `${from} → ${to}`).toBe(false)
  })

  it('lets every state end by stopping', () => {
    for (const from of Object.keys(SUBSCRIPTION_TRANSITIONS) as SubscriptionState[])
      expect(canMoveSubscription(from, 'terminated')).toBe(true)
  })
})
