import { useState, type ReactNode } from 'react'
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

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}

/** One sentence with the counts, e.g. "This file would add 2 new contacts; 1 is already in your contacts." */
function summary(report: ContactImportReport): string {
  const { added, merged, duplicates, skipped } = report.counts
  const contacts = count(added, 'new contact', 'new contacts')
  let sentence = report.written ? `Imported ${contacts}` : `This file would add ${contacts}`
  if (merged > 0)
    sentence += `, ${report.written ? 'added' : 'add'} numbers to ${count(merged, 'contact', 'contacts')} of the same name`
  if (duplicates > 0) sentence += `; ${count(duplicates, 'entry is', 'entries are')} already in your contacts`
  if (skipped > 0) sentence += `; ${count(skipped, 'entry', 'entries')} skipped`
  return sentence + '.'
}

/** The counts, the first contacts to add, and every kind of entry that is not added as it is. */
function ImportSummary({ report }: { report: ContactImportReport }) {
  const { added, merged, duplicates, skipped } = report.counts
  return (
    <div className="import-summary">
      <p role="status">{summary(report)}</p>
      <EntryList label="Contacts to add" heading={report.written ? 'Added' : 'To add'} total={added}>
        {report.added.slice(0, SHOWN).map((contact) => (
          <li key={contact.line}>
            <strong>{contact.name}</strong>
            {contact.company && <span className="muted"> · {contact.company}</span>}
            <span className="muted"> · {contact.numbers.map((entry) => entry.number).join(', ')}</span>
          </li>
        ))}
      </EntryList>
      <EntryList label="Numbers added to existing contacts" heading="New numbers for existing contacts" total={merged}>
        {report.merged.map((merge) => (
          <li key={merge.line}>
            {merge.name}: {merge.numbers.map((entry) => `${entry.label} ${entry.number}`).join(', ')} (line {merge.line}
            )
          </li>
        ))}
      </EntryList>
      <EntryList label="Already in your contacts" heading="Already in your contacts" total={duplicates}>
        {report.duplicates.map((duplicate) => (
          <li key={duplicate.line}>
            {duplicate.name} (line {duplicate.line})
          </li>
        ))}
      </EntryList>
      <EntryList label="Skipped entries" heading="Skipped" total={skipped}>
        {report.skipped.map((entry) => (
          <li key={entry.line}>
            Line {entry.line}
            {entry.name && ` (${entry.name})`}: {entry.reason}
          </li>
        ))}
      </EntryList>
      <EntryList label="Notes" heading="Notes" total={report.notes.length}>
        {report.notes.map((note, index) => (
          <li key={index}>
            {note.name} (line {note.line}): {note.note}
          </li>
        ))}
      </EntryList>
    </div>
  )
}

/** One kind of entry, shown when there is any: its first items, and how many more there are. */
function EntryList({
  label,
  heading,
  total,
  children
}: {
  label: string
  heading: string
  total: number
  children: ReactNode[]
}) {
  if (total === 0) return null
  return (
    <section aria-label={label}>
      <h3>{heading}</h3>
      <ul className="import-list">
        {children}
        {total > children.length && <li className="muted">…and {total - children.length} more</li>}
      </ul>
    </section>
  )
}
