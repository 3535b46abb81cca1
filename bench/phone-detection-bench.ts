/**
 * (g) Phone-number detection for the browser extension (src/browser-extension/detection): on the
 * labelled corpus (test/fixtures/phone-detection: numbers in context and look-alikes), DeskDial's
 * recall, wrong spans and false positives beside plain libphonenumber-js `findNumbers` (same `max`
 * metadata, same default country) and a regular expression of the kind click-to-call extensions
 * use. Then throughput in text nodes per second: the corpus, and a generated CRM page of 5,000 table
 * rows (35,000 text nodes, 2,000 phone numbers) scanned node by node as the content script does;
 * and the time for two long text nodes: 100 KB of figures, and 93 KB of prose holding 1,000 numbers.
 */
import { findNumbers, type CountryCode } from 'libphonenumber-js/max'
import { cpus, loadavg } from 'node:os'
import { findPhoneNumbers } from '../src/browser-extension/detection'
import {
  lookAlikeCorpus,
  numbersCorpus,
  score,
  type CorpusEntry,
  type Detector,
  type Score
} from '../test/fixtures/phone-detection/corpus'

const ROUNDS = 7
const PAGE_ROWS = 5_000
const PAGE_NUMBERS = 2_000

/** A phone-number pattern as simple click-to-call scripts write it: 7 to 15 digits with separators. */
const PHONE_PATTERN = /[+(]?\d[\d\s().\-/]{5,}\d/g

const deskdial: Detector = (text, country) => findPhoneNumbers(text, country)

const libphonenumber: Detector = (text, country) =>
  findNumbers(text, { defaultCountry: country as CountryCode, v2: true }).map((found) => ({
    start: found.startsAt,
    end: found.endsAt
  }))

const regularExpression: Detector = (text) =>
  [...text.matchAll(PHONE_PATTERN)]
    .filter((match) => {
      const digits = match[0].replace(/\D/g, '').length
      return digits >= 7 && digits <= 15
    })
    .map((match) => ({ start: match.index, end: match.index + match[0].length }))

const DETECTORS: [string, Detector][] = [
  ['deskdial', deskdial],
  ['libphonenumber findNumbers', libphonenumber],
  ['regular expression', regularExpression]
]

/** The text nodes of a CRM table: name, department, phone (2,000 rows of 5,000), date, amount, order, e-mail. */
function crmPage(): string[] {
  const departments = ['Einkauf', 'Vertrieb', 'Buchhaltung', 'Technik', 'Service']
  const phones = [
    (i: number) => `0201 ${555000 + i}`,
    (i: number) => `+49 30 1234 ${String(5000 + i)}`,
    (i: number) => `0171 ${String(1200000 + i)}`,
    (i: number) => `0221 4711-${100 + (i % 900)}`,
    (i: number) => `+49 (0)89 ${String(1234000 + i)}`
  ]
  const nodes: string[] = []
  for (let row = 0; row < PAGE_ROWS; row += 1) {
    const day = String(1 + (row % 28)).padStart(2, '0')
    nodes.push(
      `Kunde ${row}, Anna`,
      departments[row % departments.length],
      row < PAGE_NUMBERS ? phones[row % phones.length](row) : '–',
      `${day}.05.2024`,
      `${(row * 37.5).toFixed(2).replace('.', ',')} €`,
      `Bestellung ${4500000000 + row}`,
      `kunde${row}@example.de`
    )
  }
  return nodes
}

/** Two long text nodes: a run of figures, and prose with a number, a date and an amount in every sentence. */
function longTexts(): [string, string][] {
  const sentence = 'Bitte rufen Sie uns unter 0201 555123 an, Rechnung 2024-0815 vom 12.05.2024 über € 1.234,56. '
  return [
    ['1234 '.repeat(20_000), 'DE'],
    [sentence.repeat(1_000), 'DE']
  ]
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Median CPU milliseconds (user and system) over {@link ROUNDS} scans of `texts` with `detect`, after
 * one warm-up scan. CPU time, not wall time: on a machine shared with other jobs the wall time
 * mostly measures the waiting for a core.
 */
function timeScans(detect: Detector, texts: [string, string][]): number {
  const times: number[] = []
  for (let round = 0; round <= ROUNDS; round += 1) {
    const started = process.cpuUsage()
    for (const [text, country] of texts) detect(text, country)
    const used = process.cpuUsage(started)
    if (round > 0) times.push((used.user + used.system) / 1000)
  }
  return median(times)
}

function falsePositivesByKind(result: Score): string {
  const counts = new Map<string, number>()
  for (const { kind } of result.falsePositives)
    counts.set(kind ?? 'beside numbers', (counts.get(kind ?? 'beside numbers') ?? 0) + 1)
  return [...counts].map(([kind, count]) => `${kind} ${count}`).join(', ')
}

export function benchPhoneDetection(): void {
  const numbers = numbersCorpus()
  const lookAlikes = lookAlikeCorpus()
  const all: CorpusEntry[] = [...numbers, ...lookAlikes]
  const expected = all.reduce((sum, entry) => sum + entry.numbers.length, 0)
  console.log(
    `(g) phone-number detection: corpus of ${numbers.length} texts with numbers and ${lookAlikes.length} texts of look-alikes, ${expected} numbers to find; node ${process.version}, ${cpus().length} cores, load ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`
  )
  for (const [name, detect] of DETECTORS) {
    const result = score(detect, all)
    console.log(
      `    ${name.padEnd(27)} recall ${(result.recall * 100).toFixed(1)}% (${result.found}/${result.expected}), wrong span ${result.wrongSpan.length}, missed ${result.missed.length}, false positives ${result.falsePositives.length}`
    )
    if (result.falsePositives.length > 0) console.log(`      false positives by kind: ${falsePositivesByKind(result)}`)
  }

  const corpusTexts = all.map((entry): [string, string] => [entry.text, entry.country])
  const page = crmPage().map((text): [string, string] => [text, 'DE'])
  // Every phone cell holds one number and nothing else; every other cell holds none.
  const found = page.map(([text], cell) => ({ text, numbers: findPhoneNumbers(text, 'DE'), phoneCell: cell % 7 === 2 }))
  const pageFound = found.filter(
    (cell) => cell.phoneCell && cell.numbers.some((number) => number.shown === cell.text)
  ).length
  const pageOther = found.filter((cell) => !cell.phoneCell).reduce((sum, cell) => sum + cell.numbers.length, 0)
  console.log(
    `    throughput in CPU time, median of ${ROUNDS} scans: the corpus (${corpusTexts.length} texts), and a CRM page of ${PAGE_ROWS} rows (${page.length} text nodes; DeskDial finds ${pageFound} of its ${PAGE_NUMBERS} numbers, and ${pageOther} in its other cells)`
  )
  for (const [name, detect] of DETECTORS) {
    const corpusMs = timeScans(detect, corpusTexts)
    const pageMs = timeScans(detect, page)
    const [figures, prose] = longTexts().map((text) => timeScans(detect, [text]))
    console.log(
      `    ${name.padEnd(27)} corpus ${Math.round((corpusTexts.length / corpusMs) * 1000)} texts/s (${corpusMs.toFixed(1)} ms), page ${Math.round((page.length / pageMs) * 1000)} texts/s (${pageMs.toFixed(1)} ms for the whole page), 100 KB of figures ${figures.toFixed(1)} ms, 93 KB of prose ${prose.toFixed(1)} ms`
    )
  }
}
