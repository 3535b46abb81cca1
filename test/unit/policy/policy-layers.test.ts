import { describe, expect, it } from 'vitest'
import { combinePolicies, contradictions, effectiveSettings, lockedPaths } from '../../../src/main/policy'

describe('the settings DeskDial runs with under a policy', () => {
  it('layers policy defaults < user settings < command-line options < locked policy', () => {
    const effective = effectiveSettings(
      { account: { servers: ['pbx.example.com'], transport: 'tls', user: 'default-user' }, notifications: false },
      { account: { user: 'mine', line: '1001' } },
      { account: { line: '1002', transport: 'udp' } },
      { account: { transport: 'tcp' } }
    )
    expect(effective).toEqual({
      account: { servers: ['pbx.example.com'], transport: 'tcp', user: 'mine', line: '1002' },
      notifications: false
    })
  })

  it('merges nested objects key by key and replaces a list as a whole', () => {
    const effective = effectiveSettings(
      {
        account: { servers: ['a.example.com', 'b.example.com'] },
        directory: { attributes: { name: 'cn', mail: 'mail' } }
      },
      { account: { servers: ['c.example.com'] }, directory: { attributes: { mail: 'email' } } },
      {},
      {}
    )
    expect(effective.account?.servers).toEqual(['c.example.com'])
    expect(effective.directory?.attributes).toEqual({ name: 'cn', mail: 'email' })
  })

  it('lets a policy default fill only what the user left unset', () => {
    const effective = effectiveSettings(
      { dialPlan: { outsideLinePrefix: '0', country: 'DE' } },
      { dialPlan: { country: 'GB' } },
      {},
      {}
    )
    expect(effective.dialPlan).toEqual({ outsideLinePrefix: '0', country: 'GB' })
  })

  it("lets the policy file's locked keys and defaults win over the provisioned document's, and names who locked what", () => {
    const policy = combinePolicies([
      {
        source: 'https://config.example.com/deskdial.json',
        defaults: { hotkey: 'Alt+D', notifications: false },
        locked: { account: { servers: ['central.example.com'], domain: 'example.com' } }
      },
      {
        source: '/etc/deskdial/policy.json',
        defaults: { hotkey: 'Alt+P' },
        locked: { account: { servers: ['branch.example.com'] }, trustLinksWithoutConfirmation: false }
      }
    ])
    expect(policy.defaults).toEqual({ hotkey: 'Alt+P', notifications: false })
    expect(policy.locked.account).toEqual({ servers: ['branch.example.com'], domain: 'example.com' })
    expect(lockedPaths(policy)).toEqual([
      { key: 'account.servers', source: '/etc/deskdial/policy.json' },
      { key: 'account.domain', source: 'https://config.example.com/deskdial.json' },
      { key: 'trustLinksWithoutConfirmation', source: '/etc/deskdial/policy.json' }
    ])
  })

  it('finds the options that contradict a locked value, and not those that repeat it', () => {
    const policy = combinePolicies([
      { source: '/etc/deskdial/policy.json', defaults: {}, locked: { account: { servers: ['pbx'], transport: 'tls' } } }
    ])
    expect(contradictions(policy, { account: { servers: ['pbx'], transport: 'tls', user: 'me' } })).toEqual([])
    expect(contradictions(policy, { account: { servers: ['10.9.9.9'] } })).toEqual([
      { key: 'account.servers', source: '/etc/deskdial/policy.json', locked: ['pbx'], wanted: ['10.9.9.9'] }
    ])
  })
})
