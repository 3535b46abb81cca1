import { describe, expect, it } from 'vitest'
import { parsePidf } from '../../../src/main/line-state/pidf'

/** As Cisco CME sends it to a watcher over a SIP trunk (presence enable, allow watch). */
function cisco(basic: string, activity = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:e="urn:ietf:params:xml:ns:pidf:status:rpid"
  entity="sip:1001@10.0.0.1">
  <tuple id="1001"><status><basic>${basic}</basic></status></tuple>
  ${activity ? `<dm:person id="p1"><rpid:activities>${activity}</rpid:activities></dm:person>` : ''}
</presence>`
}

describe('PIDF presence as Cisco sends it', () => {
  it('open with on-the-phone is in a call', () => {
    expect(parsePidf(cisco('open', '<rpid:on-the-phone/>'))).toBe('in-call')
  })
  it('open with a busy marker in another namespace or as text is in a call', () => {
    expect(parsePidf(cisco('open', '<ce:busy xmlns:ce="urn:cisco:params:xml:ns:pidf:rpid"/>'))).toBe('in-call')
    expect(parsePidf(cisco('open', 'On the phone'))).toBe('in-call')
  })
  it('open without an activity is idle', () => {
    expect(parsePidf(cisco('open'))).toBe('idle')
    expect(parsePidf(cisco('OPEN'))).toBe('idle')
  })
  it('closed is unknown', () => {
    expect(parsePidf(cisco('closed'))).toBe('unknown')
  })
  it('refuses entity tricks, foreign documents and broken XML', () => {
    expect(() => parsePidf('<!DOCTYPE p [<!ENTITY a "b">]>' + cisco('open'))).toThrow(/DTD/)
    expect(() => parsePidf(cisco('open').replace('urn:ietf:params:xml:ns:pidf"', 'urn:example"'))).toThrow(/not PIDF/)
    expect(() => parsePidf('<presence')).toThrow(/well-formed/)
  })
})
