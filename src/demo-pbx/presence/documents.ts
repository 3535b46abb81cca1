/**
 * The bodies of the demo phone system's NOTIFYs: dialog-info (RFC 4235), always full state, and
 * PIDF (RFC 3863) with the RPID on-the-phone activity (RFC 4480) while the phone has a call, as
 * Cisco CME sends it.
 */
import type { LineDialog } from './line-book'

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

export function dialogInfo(entity: string, version: number, dialogs: readonly LineDialog[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="${xml(entity)}">`
  ]
  for (const dialog of dialogs) {
    lines.push(
      `  <dialog id="${xml(dialog.id)}" direction="${dialog.direction}">`,
      `    <state>${dialog.state}</state>`,
      `    <local><identity>${xml(entity)}</identity></local>`,
      `    <remote><identity>${xml(entity.replace(/^sip:[^@]*@/, `sip:${dialog.remote}@`))}</identity></remote>`,
      '  </dialog>'
    )
  }
  lines.push('</dialog-info>')
  return lines.join('\r\n') + '\r\n'
}

export function pidf(entity: string, dialogs: readonly LineDialog[]): string {
  const busy = dialogs.length > 0
  return (
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" entity="${xml(entity)}">`,
      '  <tuple id="line"><status><basic>open</basic></status></tuple>',
      `  <dm:person id="person">${busy ? '<rpid:activities><rpid:on-the-phone/></rpid:activities>' : ''}</dm:person>`,
      '</presence>'
    ].join('\r\n') + '\r\n'
  )
}
