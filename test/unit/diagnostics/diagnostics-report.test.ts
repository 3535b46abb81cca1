import { describe, expect, it } from 'vitest'
import { diagnosticsReport, SipMessageLog } from '../../../src/main/diagnostics'
import type { AccountSettings } from '../../../src/shared/account-settings'

const ACCOUNT: AccountSettings = {
  servers: ['pbx-a.example:5060', 'pbx-b.example'],
  transport: 'udp',
  user: 'deskdial',
  authUser: 'deskdial-auth',
  domain: 'pbx.example',
  line: '1001',
  register: true,
  expires: 600
}

const START = Date.UTC(2025, 0, 2, 9, 30, 0)

function refer(cseq: number, branch: string, extra: string[] = []): string {
  return [
    'REFER sip:1001@pbx.example SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.2:5060;branch=${branch}`,
    'Call-ID: dial-1',
    `CSeq: ${cseq} REFER`,
    'Refer-To: <sip:1002@pbx.example>',
    ...extra,
    'Content-Length: 0',
    '',
    ''
  ].join('\r\n')
}

function filledLog(): SipMessageLog {
  const log = new SipMessageLog(10)
  const peer = '192.0.2.10:5060'
  log.add({
    at: START,
    direction: 'sent',
    transport: 'UDP',
    peer,
    text: 'REGISTER sip:pbx.example SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bKr\r\nCall-ID: reg-1\r\nCSeq: 1 REGISTER\r\n\r\n'
  })
  log.add({ at: START + 1_000, direction: 'sent', transport: 'UDP', peer, text: refer(1, 'z9hG4bKa') })
  log.add({ at: START + 1_500, direction: 'sent', transport: 'UDP', peer, text: refer(1, 'z9hG4bKa') })
  log.add({
    at: START + 1_510,
    direction: 'received',
    transport: 'UDP',
    peer,
    text: 'SIP/2.0 407 Proxy Authentication Required\r\nVia: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bKa\r\nCall-ID: dial-1\r\nCSeq: 1 REFER\r\n\r\n'
  })
  log.add({
    at: START + 1_520,
    direction: 'sent',
    transport: 'UDP',
    peer,
    text: refer(2, 'z9hG4bKb', [
      'Proxy-Authorization: Digest username="deskdial-auth", nonce="n0nce", response="d1gest0fthepassw0rd"'
    ])
  })
  return log
}

describe('diagnosticsReport', () => {
  it('gives the version, the account, both histories and one call’s messages in order, for an administrator to read', () => {
    const report = diagnosticsReport({
      version: '0.1.0',
      account: ACCOUNT,
      registrationHistory: ['09:29:58 registering at pbx-a.example:5060', '09:29:59 registered for 600 s'],
      failoverHistory: [],
      log: filledLog(),
      callId: 'dial-1',
      generatedAt: START + 60_000
    })
    expect(report).toBe(
      [
        'DeskDial diagnostics',
        'Version: 0.1.0',
        'Made: 2025-01-02T09:31:00.000Z',
        '',
        'Account',
        '  User: deskdial',
        '  Authentication user: deskdial-auth',
        '  Domain: pbx.example',
        '  Desk phone: 1001',
        '  Servers: pbx-a.example:5060, pbx-b.example',
        '  Transport: UDP',
        '  Registration: yes, for 600 s',
        '',
        'Registration history',
        '  09:29:58 registering at pbx-a.example:5060',
        '  09:29:59 registered for 600 s',
        '',
        'Failover history',
        '  (none)',
        '',
        'SIP messages of the call with Call-ID dial-1, oldest first (4; the log keeps the last 10 messages)',
        '',
        '--- #2 2025-01-02T09:30:01.000Z (+0.000 s) sent UDP to 192.0.2.10:5060',
        ...refer(1, 'z9hG4bKa').trimEnd().split('\r\n'),
        '',
        '--- #3 2025-01-02T09:30:01.500Z (+0.500 s) sent UDP to 192.0.2.10:5060 [retransmission]',
        ...refer(1, 'z9hG4bKa').trimEnd().split('\r\n'),
        '',
        '--- #4 2025-01-02T09:30:01.510Z (+0.510 s) received UDP from 192.0.2.10:5060',
        'SIP/2.0 407 Proxy Authentication Required',
        'Via: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bKa',
        'Call-ID: dial-1',
        'CSeq: 1 REFER',
        '',
        '--- #5 2025-01-02T09:30:01.520Z (+0.520 s) sent UDP to 192.0.2.10:5060',
        ...refer(2, 'z9hG4bKb', [
          'Proxy-Authorization: Digest username="deskdial-auth", nonce="redacted", response="redacted"'
        ])
          .trimEnd()
          .split('\r\n'),
        ''
      ].join('\n')
    )
  })

  it('gives every message when no call is named, and says when a call’s messages have left the log', () => {
    const log = filledLog()
    const all = diagnosticsReport({
      version: '0.1.0',
      account: ACCOUNT,
      registrationHistory: [],
      failoverHistory: ['09:40:00 moved to pbx-b.example'],
      log,
      generatedAt: START
    })
    expect(all).toContain('All SIP messages, oldest first (5; the log keeps the last 10 messages)')
    expect(all).toContain('Failover history\n  09:40:00 moved to pbx-b.example\n')
    expect(all.indexOf('REGISTER sip:pbx.example')).toBeLessThan(all.indexOf('REFER sip:1001'))
    const gone = diagnosticsReport({
      version: '0.1.0',
      account: ACCOUNT,
      registrationHistory: [],
      failoverHistory: [],
      log,
      callId: 'dial-0',
      generatedAt: START
    })
    expect(gone).toContain(
      'SIP messages of the call with Call-ID dial-0: none left in the log (it keeps the last 10 messages)'
    )
  })

  it('never prints a password or a digest response, even when the caller’s account object carries a password', () => {
    const account = { ...ACCOUNT, password: 'hunter2-secret' } as AccountSettings
    const report = diagnosticsReport({
      version: '0.1.0',
      account,
      registrationHistory: [],
      failoverHistory: [],
      log: filledLog(),
      generatedAt: START
    })
    expect(report).not.toMatch(/hunter2-secret|d1gest0fthepassw0rd|n0nce/)
  })
})
