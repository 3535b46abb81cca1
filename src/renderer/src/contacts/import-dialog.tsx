import { useState } from 'react'
import {
  MAX_CONTACT_FILE_BYTES,
  type ColumnMapping,
  type ContactFileUpload,
  type ContactImportAnswer,
  type ContactImportReport,
  type MappingPresetName
} from '../../../shared/contact-files'
import { errorText } from '../common/error-text'
import { ModalDialog } from '../common/modal-dialog'
import { ColumnMappingForm, mappingForColumns } from './column-mapping'

/** How many contacts the preview shows by name. */
const SHOWN = 20

interface ImportDialogProps {
  onImported(): void
  onClose(): void
}

/**
 * Importing a vCard or CSV file, step by step:
 *
 *   choose ──(a file)──▶ [CSV: columns] ──▶ preview ──(Import)──▶ done
 *
 * Reading and importing show progress; Back returns from the preview to the columns of a CSV. Nothing
 * is written before Import.
 */
type Step = 'choose' | 'columns' | 'preview' | 'done'

/** The bytes of a file in base64, in chunks small enough for String.fromCharCode. */
function base64Of(bytes: Uint8Array): string {
  let binary = ''
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000))
  return btoa(binary)
}

export function ImportDialog({ onImported, onClose }: ImportDialogProps) {
  const [step, setStep] = useState<Step>('choose')
  const [file, setFile] = useState<ContactFileUpload>()
  const [answer, setAnswer] = useState<ContactImportAnswer>()
  const [mapping, setMapping] = useState<ColumnMapping>()
  const [preset, setPreset] = useState<MappingPresetName | 'custom'>('custom')
  const [busy, setBusy] = useState<string>()
  const [error, setError] = useState<string>()

  async function run(work: () => Promise<void>, doing: string) {
    setBusy(doing)
    setError(undefined)
    try {
      await work()
    } catch (thrown) {
      setError(`${doing.replace(/…$/, '')} failed: ${errorText(thrown)}`)
    } finally {
      setBusy(undefined)
    }
  }

  function choose(chosen: File | undefined) {
    if (!chosen) return
    if (chosen.size > MAX_CONTACT_FILE_BYTES) {
      setError(
        `${chosen.name} is larger than ${MAX_CONTACT_FILE_BYTES / 1024 / 1024} MB: split it into smaller files and import them one by one.`
      )
      return
    }
    void run(async () => {
      const upload = { name: chosen.name, base64: base64Of(new Uint8Array(await chosen.arrayBuffer())) }
      const read = await window.deskdial.previewContactImport(upload)
      setFile(upload)
      setAnswer(read)
      if (read.csv) {
        setMapping(mappingForColumns(read.csv.mapping, read.csv.columns))
        setPreset(read.csv.preset ?? 'custom')
      }
      setStep(read.csv ? 'columns' : 'preview')
    }, `Reading ${chosen.name}…`)
  }

  function preview() {
    if (!file) return
    void run(async () => {
      const read = await window.deskdial.previewContactImport(file, mapping)
      setAnswer(read)
      if (read.ok) setStep('preview')
    }, 'Reading the file with these columns…')
  }

  function importNow(report: ContactImportReport) {
    if (!file) return
    const count = report.counts.added + report.counts.merged
    void run(
      async () => {
        const done = await window.deskdial.importContacts(file, mapping)
        setAnswer(done)
        if (done.ok) {
          setStep('done')
          onImported()
        }
      },
      `Importing ${count.toLocaleString()} contact${count === 1 ? '' : 's'}…`
    )
  }

  const report = answer?.ok ? answer : undefined
  const problem = error ?? (answer && !answer.ok ? answer.error : undefined)
  return (
    <ModalDialog title="Import contacts" onCancel={onClose} className="import-dialog">
      <div className="modal-body" aria-busy={busy !== undefined}>
        {step === 'choose' && (
          <div className="field">
            <label htmlFor="import-file">Contacts file (vCard .vcf or CSV .csv, up to 10 MB)</label>
            <input
              id="import-file"
              type="file"
              accept=".vcf,.vcard,.csv,text/vcard,text/csv"
              onChange={(event) => choose(event.target.files?.[0])}
              disabled={busy !== undefined}
              data-autofocus
            />
            <p className="hint">
              Outlook, Google Contacts, Apple Contacts and most address books export one of these. Nothing is imported
              before you have seen what will be.
            </p>
          </div>
        )}
        {step === 'columns' && answer?.csv && mapping && (
          <ColumnMappingForm
            csv={answer.csv}
            mapping={mapping}
            preset={preset}
            onChange={(next, nextPreset) => {
              setMapping(next)
              setPreset(nextPreset)
            }}
          />
        )}
        {(step === 'preview' || step === 'done') && report && <ImportSummary report={report} />}
        {busy && (
          <p className="import-progress" role="status">
            <progress aria-label={busy} /> {busy}
          </p>
        )}
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="modal-actions">
        {step === 'columns' && (
          <button type="button" className="primary" onClick={preview} disabled={busy !== undefined}>
            Preview
          </button>
        )}
        {step === 'preview' && answer?.csv && (
          <button type="button" onClick={() => setStep('columns')} disabled={busy !== undefined}>
            Back to the columns
          </button>
        )}
        {step === 'preview' && report && (
          <button
            type="button"
            className="primary"
            onClick={() => importNow(report)}
            disabled={busy !== undefined || report.counts.added + report.counts.merged === 0}
            data-autofocus
          >
            Import
          </button>
        )}
        <button type="button" onClick={onClose}>
          {step === 'done' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </ModalDialog>
  )
}

/** The counts, the first contacts to add, and every kind of entry that is not added as it is. */
function ImportSummary({ report }: { report: ContactImportReport }) {
  const { added, merged, duplicates, skipped } = report.counts
  const more = (shown: number, total: number) =>
    total > shown ? <li className="muted">…and {total - shown} more</li> : null
  return (
    <div className="import-summary">
      <p role="status">
        {report.written ? 'Imported: ' : 'This file would add '}
        {added} new contact{added === 1 ? '' : 's'}
        {merged > 0 && `, add numbers to ${merged} contact${merged === 1 ? '' : 's'} of the same name`}
        {duplicates > 0 && `; ${duplicates} already in your contacts`}
        {skipped > 0 && `; ${skipped} entr${skipped === 1 ? 'y' : 'ies'} skipped`}.
      </p>
      {report.added.length > 0 && (
        <section aria-label="Contacts to add">
          <h3>{report.written ? 'Added' : 'To add'}</h3>
          <ul className="import-list">
            {report.added.slice(0, SHOWN).map((contact) => (
              <li key={contact.line}>
                <strong>{contact.name}</strong>
                {contact.company && <span className="muted"> · {contact.company}</span>}
                <span className="muted"> · {contact.numbers.map((entry) => entry.number).join(', ')}</span>
              </li>
            ))}
            {more(Math.min(SHOWN, report.added.length), added)}
          </ul>
        </section>
      )}
      {report.merged.length > 0 && (
        <section aria-label="Numbers added to existing contacts">
          <h3>New numbers for existing contacts</h3>
          <ul className="import-list">
            {report.merged.map((merge) => (
              <li key={merge.line}>
                {merge.name}: {merge.numbers.map((entry) => `${entry.label} ${entry.number}`).join(', ')} (line{' '}
                {merge.line})
              </li>
            ))}
            {more(report.merged.length, merged)}
          </ul>
        </section>
      )}
      {report.duplicates.length > 0 && (
        <section aria-label="Already in your contacts">
          <h3>Already in your contacts</h3>
          <ul className="import-list">
            {report.duplicates.map((duplicate) => (
              <li key={duplicate.line}>
                {duplicate.name} (line {duplicate.line})
              </li>
            ))}
            {more(report.duplicates.length, duplicates)}
          </ul>
        </section>
      )}
      {report.skipped.length > 0 && (
        <section aria-label="Skipped entries">
          <h3>Skipped</h3>
          <ul className="import-list">
            {report.skipped.map((entry) => (
              <li key={entry.line}>
                Line {entry.line}
                {entry.name && ` (${entry.name})`}: {entry.reason}
              </li>
            ))}
            {more(report.skipped.length, skipped)}
          </ul>
        </section>
      )}
      {report.notes.length > 0 && (
        <section aria-label="Notes">
          <h3>Notes</h3>
          <ul className="import-list">
            {report.notes.map((note, index) => (
              <li key={index}>
                {note.name} (line {note.line}): {note.note}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}
