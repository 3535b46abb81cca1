/**
 * Dialog-info documents (RFC 4235) and the view of one line that they build, applied in order by
 * the `version` and `state="full|partial"` rules of §4.1.
 */
import type { Element } from '@xmldom/xmldom'
import { BadDocument, childElements, childText, parseXmlDocument } from './xml-document'
import { lineStatusOf, userPartOf, type DialogState, type LineDialog, type LineStatus } from './line-status'

export const DIALOG_INFO_NAMESPACE = 'urn:ietf:params:xml:ns:dialog-info'

/** A person has a handful of dialogs at once (call waiting, a transfer); more is an attack or a bug. */
export const MAX_DIALOGS = 32

const DIALOG_STATES: ReadonlySet<string> = new Set(['trying', 'proceeding', 'early', 'confirmed', 'terminated'])

export interface DialogInfoDocument {
  version: number
  full: boolean
  dialogs: LineDialog[]
}

function readDialog(element: Element): LineDialog {
  const id = element.getAttribute('id')?.trim()
  if (!id) throw new BadDocument('a dialog has no id')
  const state = childText(element, DIALOG_INFO_NAMESPACE, 'state')?.toLowerCase()
  if (!state || !DIALOG_STATES.has(state)) throw new BadDocument(`a dialog has the unknown state "${state ?? ''}"`)
  const direction = element.getAttribute('direction')?.trim().toLowerCase()
  const remote = childElements(element, DIALOG_INFO_NAMESPACE, 'remote')[0]
  const identity = remote && childElements(remote, DIALOG_INFO_NAMESPACE, 'identity')[0]
  const user = identity?.textContent ? userPartOf(identity.textContent) : undefined
  const display = identity?.getAttribute('display')?.trim()
  return {
    id,
    state: state as DialogState,
    ...(direction === 'recipient' && { direction: 'incoming' as const }),
    ...(direction === 'initiator' && { direction: 'outgoing' as const }),
    ...(user !== undefined && { remote: user }),
    ...(display && { remoteName: display })
  }
}

/** Reads a dialog-info document; throws {@link BadDocument} when it is not one DeskDial can trust. */
export function parseDialogInfo(text: string): DialogInfoDocument {
  const root = parseXmlDocument(text)
  if (root.namespaceURI !== DIALOG_INFO_NAMESPACE || root.localName !== 'dialog-info')
    throw new BadDocument('the document is not dialog-info')
  const versionText = root.getAttribute('version')?.trim() ?? ''
  const version = Number(versionText)
  if (!/^\d{1,15}$/.test(versionText)) throw new BadDocument('the document has no valid version')
  const kind = root.getAttribute('state')?.trim().toLowerCase()
  if (kind !== 'full' && kind !== 'partial') throw new BadDocument('the document is neither full nor partial')
  const elements = childElements(root, DIALOG_INFO_NAMESPACE, 'dialog')
  if (elements.length > MAX_DIALOGS) throw new BadDocument(`the document has more than ${MAX_DIALOGS} dialogs`)
  return { version, full: kind === 'full', dialogs: elements.map(readDialog) }
}

/** What a NOTIFY did to the view: changed it (or not), or showed that a NOTIFY was lost. */
export type DialogInfoOutcome = { kind: 'applied'; status: LineStatus } | { kind: 'stale' } | { kind: 'resync' }

/** The dialogs of one watched line, kept across the NOTIFYs of one subscription. */
export class DialogInfoView {
  readonly #number: string
  readonly #dialogs = new Map<string, LineDialog>()
  #version: number | undefined

  constructor(number: string) {
    this.#number = number
  }

  /** A NOTIFY without a body (Kamailio's while there is no call) says: no dialogs, idle. */
  clear(): LineStatus {
    this.#dialogs.clear()
    return this.status
  }

  get status(): LineStatus {
    return lineStatusOf(this.#number, this.#dialogs.values())
  }

  /**
   * RFC 4235 §4.1: a full document replaces the view unless it is older than what we hold; a
   * partial one must be exactly the next version, else a NOTIFY was lost (`resync`: refresh the
   * subscription to get full state); one we hold already is `stale` and ignored.
   */
  apply(document: DialogInfoDocument): DialogInfoOutcome {
    const known = this.#version
    if (known !== undefined && document.version <= known) return { kind: 'stale' }
    if (!document.full && (known === undefined || document.version !== known + 1)) return { kind: 'resync' }
    if (document.full) this.#dialogs.clear()
    for (const dialog of document.dialogs) {
      if (dialog.state === 'terminated') this.#dialogs.delete(dialog.id)
      else this.#dialogs.set(dialog.id, dialog)
    }
    if (this.#dialogs.size > MAX_DIALOGS) {
      this.#dialogs.clear()
      this.#version = undefined
      return { kind: 'resync' }
    }
    this.#version = document.version
    return { kind: 'applied', status: this.status }
  }

  /** A new subscription (after a renewal) numbers its documents afresh. */
  restart(): void {
    this.#version = undefined
  }
}
