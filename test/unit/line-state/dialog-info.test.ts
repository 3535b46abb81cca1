import { describe, expect, it } from 'vitest'
import { DialogInfoView, MAX_DIALOGS, parseDialogInfo } from '../../../src/main/line-state/dialog-info'
import { MAX_DOCUMENT_BYTES } from '../../../src/main/line-state/xml-document'

const NS = 'urn:ietf:params:xml:ns:dialog-info'

function doc(version: number, state: 'full' | 'partial', dialogs: string, prefix = ''): string {
  const p = prefix ? `${prefix}:` : ''
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`
  return `<?xml version="1.0"?><${p}dialog-info ${xmlns} version="${version}" state="${state}" entity="sip:1001@pbx">${dialogs}</${p}dialog-info>`
}

function dialog(id: string, state: string, direction: string, remote?: string, display?: string): string {
  const identity = remote
    ? `<remote><identity${display ? ` display="${display}"` : ''}>${remote}</identity></remote>`
    : ''
  return `<dialog id="${id}" call-id="c-${id}" direction="${direction}"><state>${state}</state>${identity}</dialog>`
}

describe('dialog-info documents', () => {
  it('reads an incoming early dialog as ringing with the caller', () => {
    const view = new DialogInfoView('1001')
    const outcome = view.apply(
      parseDialogInfo(doc(0, 'full', dialog('a', 'early', 'recipient', 'sip:2001@pbx', 'Anna Weber')))
    )
    expect(outcome).toEqual({
      kind: 'applied',
      status: { number: '1001', state: 'ringing', remote: '2001', remoteName: 'Anna Weber', direction: 'incoming' }
    })
  })

  it('reads an outgoing unanswered dialog as dialing and a confirmed one as in a call', () => {
    const view = new DialogInfoView('1001')
    expect(view.apply(parseDialogInfo(doc(1, 'full', dialog('a', 'proceeding', 'initiator'))))).toMatchObject({
      status: { state: 'dialing', direction: 'outgoing' }
    })
    expect(view.apply(parseDialogInfo(doc(2, 'full', dialog('a', 'confirmed', 'initiator'))))).toMatchObject({
      status: { state: 'in-call' }
    })
  })

  it('reads Kamailio: capital-letter states, identities with port and parameters', () => {
    const body = doc(3, 'full', dialog('x', 'Trying', 'Recipient', 'sip:2001@127.0.0.1:5070;transport=udp'))
    expect(new DialogInfoView('1001').apply(parseDialogInfo(body))).toMatchObject({
      status: { state: 'ringing', remote: '2001', direction: 'incoming' }
    })
  })

  it('reads namespace prefixes', () => {
    const body = doc(1, 'full', '<d:dialog id="a"><d:state>CONFIRMED</d:state></d:dialog>', 'd')
    expect(new DialogInfoView('1001').apply(parseDialogInfo(body))).toMatchObject({ status: { state: 'in-call' } })
  })

  it('takes the busiest of several dialogs, and no dialogs (or no body) as idle', () => {
    const view = new DialogInfoView('1001')
    const two =
      dialog('b', 'confirmed', 'initiator', 'sip:2001@pbx') + dialog('a', 'early', 'recipient', 'sip:2002@pbx')
    expect(view.apply(parseDialogInfo(doc(1, 'full', two)))).toMatchObject({
      status: { state: 'in-call', remote: '2001' }
    })
    expect(view.apply(parseDialogInfo(doc(2, 'full', '')))).toEqual({
      kind: 'applied',
      status: { number: '1001', state: 'idle' }
    })
    view.apply(parseDialogInfo(doc(3, 'full', dialog('a', 'confirmed', 'initiator'))))
    expect(view.clear()).toEqual({ number: '1001', state: 'idle' })
  })

  it('applies partial documents that come next and asks for full state when one was lost', () => {
    const view = new DialogInfoView('1001')
    view.apply(parseDialogInfo(doc(5, 'full', dialog('a', 'early', 'recipient'))))
    expect(view.apply(parseDialogInfo(doc(6, 'partial', dialog('b', 'confirmed', 'initiator'))))).toMatchObject({
      status: { state: 'in-call' }
    })
    expect(view.apply(parseDialogInfo(doc(7, 'partial', dialog('b', 'terminated', 'initiator'))))).toMatchObject({
      status: { state: 'ringing' }
    })
    expect(view.apply(parseDialogInfo(doc(9, 'partial', dialog('a', 'terminated', 'recipient'))))).toEqual({
      kind: 'resync'
    })
    expect(view.status.state).toBe('ringing')
    expect(view.apply(parseDialogInfo(doc(7, 'full', '')))).toEqual({ kind: 'stale' })
    expect(view.apply(parseDialogInfo(doc(10, 'full', '')))).toMatchObject({ status: { state: 'idle' } })
  })

  it('does not apply a partial document before any full one', () => {
    expect(
      new DialogInfoView('1001').apply(parseDialogInfo(doc(1, 'partial', dialog('a', 'early', 'recipient'))))
    ).toEqual({
      kind: 'resync'
    })
  })

  it('starts counting versions afresh for a new subscription', () => {
    const view = new DialogInfoView('1001')
    view.apply(parseDialogInfo(doc(8, 'full', dialog('a', 'confirmed', 'initiator'))))
    view.restart()
    expect(view.apply(parseDialogInfo(doc(0, 'full', '')))).toMatchObject({ status: { state: 'idle' } })
  })
})

describe('bad dialog-info documents are refused', () => {
  const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><dialog-info xmlns="${NS}" version="1" state="full">&lol2;</dialog-info>`
  const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><dialog-info xmlns="${NS}" version="1" state="full"><dialog id="a"><state>&x;</state></dialog></dialog-info>`
  const cases: Array<[string, string]> = [
    ['not XML', 'this is not xml'],
    ['unclosed elements', `<dialog-info xmlns="${NS}" version="1" state="full"><dialog id="a">`],
    ['billion laughs', billionLaughs],
    ['an external entity (XXE)', xxe],
    ['a foreign namespace', doc(1, 'full', '').replaceAll(NS, 'urn:example:other')],
    ['no version', doc(1, 'full', '').replace('version="1"', '')],
    ['neither full nor partial', doc(1, 'full', '').replace('state="full"', 'state="some"')],
    ['an unknown dialog state', doc(1, 'full', dialog('a', 'dancing', 'recipient'))],
    ['a dialog without id', doc(1, 'full', '<dialog><state>early</state></dialog>')],
    [
      'too many dialogs',
      doc(1, 'full', Array.from({ length: MAX_DIALOGS + 1 }, (_, i) => dialog(`d${i}`, 'early', 'recipient')).join(''))
    ],
    ['an oversize document', doc(1, 'full', `<!--${'x'.repeat(MAX_DOCUMENT_BYTES)}-->`)]
  ]
  it.each(cases)('%s', (_name, body) => {
    expect(() => parseDialogInfo(body)).toThrow(/./)
  })

  it('says why in the error', () => {
    expect(() => parseDialogInfo(billionLaughs)).toThrow(/DTD or entities/)
    expect(() => parseDialogInfo(doc(1, 'full', `<!--${'x'.repeat(MAX_DOCUMENT_BYTES)}-->`))).toThrow(/larger than/)
  })
})
