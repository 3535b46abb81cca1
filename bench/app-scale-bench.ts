/**
 * (e) The app's main process with 100,000 contacts and a 100,000-person copy of the company
 * directory: the backend the window talks to (createFileBackedBackend, the real files), from start
 * until a search answers from every entry, then one search per keystroke through the backend as the
 * quick-dial box (20 results) and the contacts view (200) ask it; then a fresh 100,000-person copy
 * of the directory arriving (a refresh: the index rebuilt, the copy written), and an import of a
 * 100,000-contact CSV file (read, planned, saved, the index rebuilt). The main process must keep
 * answering meanwhile, so the bench watches how long the event loop was held (its longest delay)
 * in each of the three, against the baseline of building the same index in one synchronous call.
 */
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { CompanyDirectory } from '../src/main/directory'
import { createFileBackedBackend } from '../src/main/backend/file-backed-backend'
import { exportContacts } from '../src/main/contact-files'
import { contactEntry, DirectoryCache, DirectoryIndex, type DirectoryEntry } from '../src/main/directory'
import { DeskDialService } from '../src/main/service/deskdial-service'
import { defaultAppSettings } from '../src/main/settings/app-settings-defaults'
import { FileSettingsStore } from '../src/main/settings/settings-store'
import type { Contact } from '../src/shared/contact'
import { generateDirectory } from './generated-directory'

const PEOPLE = 100_000
const QUERIES = ['jurgen mul', 'mulelr', 'anna', 'jd', 'sor', 'garcia', 'kowalsk', '555 01', '0201 555', 'ольга']

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`
const heldFor = (run: { heldMs: number; cpuMs: number }): string =>
  `${ms(run.cpuMs)} of main-thread CPU (${ms(run.heldMs)} wall)`

/** Every prefix of every query, as typed. */
function keystrokes(): string[] {
  return QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)))
}

function contactsFrom(seed: number, prefix: string): Contact[] {
  return generateDirectory(PEOPLE, seed).map((entry, index) => ({
    id: `${prefix}${index}`,
    name: entry.name,
    company: entry.company,
    numbers: entry.numbers.slice(0, 4)
  }))
}

function directoryFrom(seed: number): DirectoryEntry[] {
  return generateDirectory(PEOPLE, seed).map((entry, index) => ({
    ...entry,
    id: `directory:uid=p${index},ou=people,dc=example,dc=com`,
    source: 'directory'
  }))
}

/** The company directory, whose whole copy arrives when `deliver` is called (its searches find nobody). */
function directoryServer(): { directory: CompanyDirectory; deliver: (entries: DirectoryEntry[]) => void } {
  let deliver: (entries: DirectoryEntry[]) => void = () => undefined
  const copy = new Promise<DirectoryEntry[]>((resolve) => (deliver = resolve))
  return {
    directory: {
      search: async () => ({ entries: [] }),
      fetchAll: () => copy,
      close: async () => undefined
    },
    deliver: (entries) => deliver(entries)
  }
}

/** The CPU time the main thread has used, in ms (Linux: /proc/self/task/<main thread>/schedstat, in ns). */
function mainThreadCpuMs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6
}

/**
 * How long the event loop was held at most while `work` ran: the longest wait of a 5 ms timer
 * (`monitorEventLoopDelay`, wall time, which includes the time other processes of a busy machine
 * took the CPU), and the most CPU time the main thread used between two of its turns (the work
 * that held it, whatever the machine's load); and how long `work` took.
 */
async function held<T>(work: () => Promise<T>): Promise<{ result: T; heldMs: number; cpuMs: number; tookMs: number }> {
  const stalls = monitorEventLoopDelay({ resolution: 5 })
  stalls.enable()
  let cpuMs = 0
  let lastCpu = mainThreadCpuMs()
  const ticks = setInterval(() => {
    const cpu = mainThreadCpuMs()
    cpuMs = Math.max(cpuMs, cpu - lastCpu)
    lastCpu = cpu
  }, 5)
  // The monitor measures from its first tick: a hold before it would go unseen.
  await new Promise((resolve) => setTimeout(resolve, 20))
  const started = performance.now()
  const result = await work()
  const tookMs = performance.now() - started
  await new Promise((resolve) => setTimeout(resolve, 20))
  clearInterval(ticks)
  stalls.disable()
  return { result, heldMs: stalls.max / 1e6, cpuMs, tookMs }
}

/** Writes the contacts file and the directory copy; returns every entry, as the index holds them. */
async function seed(folder: string): Promise<DirectoryEntry[]> {
  const contacts = contactsFrom(3, 'contact-')
  await writeFile(join(folder, 'contacts.json'), JSON.stringify({ version: 1, contacts }))
  const directory = directoryFrom(11)
  await new DirectoryCache(join(folder, 'directory-cache.json')).write(directory)
  // The directory is on (its copy is searched only then); its server sends a fresh copy when the bench asks.
  const defaults = defaultAppSettings()
  await new FileSettingsStore({ directory: folder, defaults }).save({
    ...defaults,
    directory: { ...defaults.directory, enabled: true, url: 'ldap://127.0.0.1:9', baseDn: 'dc=example,dc=com' }
  })
  return [...contacts.map(contactEntry), ...directory]
}

export async function benchAppScale(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'deskdial-bench-scale-'))
  try {
    const everyone = await seed(folder)
    console.log(
      `(e) the main process with ${PEOPLE.toLocaleString('en')} contacts and a ${PEOPLE.toLocaleString('en')}-person directory copy (load ${loadavg()[0].toFixed(2)})`
    )
    const server = directoryServer()
    let refreshed: () => void = () => undefined
    const copyReady = new Promise<void>((resolve) => (refreshed = resolve))
    let started = 0
    const times = { startAnswered: 0, listed: 0 }
    const backend = createFileBackedBackend({
      directory: folder,
      version: 'bench',
      createService: (options) => new DeskDialService(options),
      emit: (channel, payload) => {
        if (channel === 'directoryStatus' && (payload as { state: string }).state === 'ready') refreshed()
      },
      companyDirectory: { openDirectory: () => server.directory }
    })
    const loading = await held(async () => {
      started = performance.now()
      await backend.start()
      times.startAnswered = performance.now() - started
      const contacts = await backend.listContacts()
      times.listed = performance.now() - started
      return { contacts, first: await backend.searchDirectory('anna', 20) }
    })
    const { contacts, first } = loading.result
    if (contacts.length !== PEOPLE || first.results.length === 0)
      throw new Error(
        `The backend did not load the data: ${contacts.length} contacts, ${first.results.length} results.`
      )

    const quick: number[] = []
    const view: number[] = []
    for (const typed of keystrokes()) {
      let at = performance.now()
      await backend.searchDirectory(typed, 20)
      quick.push(performance.now() - at)
      at = performance.now()
      await backend.searchDirectory(typed, 200)
      view.push(performance.now() - at)
    }

    // A fresh copy of the directory arrives: the index is rebuilt around it and the copy written.
    const freshCopy = directoryFrom(12)
    const refresh = await held(async () => {
      server.deliver(freshCopy)
      await copyReady
    })
    // A CSV file of 100,000 new contacts is imported (it holds 7 to 8 MB; the limit is 10 MB).
    const csv = exportContacts(contactsFrom(5, 'imported-'), 'csv').text
    const upload = { name: 'contacts.csv', base64: Buffer.from(csv).toString('base64') }
    const importing = await held(() => backend.importContacts(upload))
    if (!importing.result.ok || importing.result.counts.added === 0)
      throw new Error(`The import failed: ${JSON.stringify(importing.result).slice(0, 300)}`)
    const { counts } = importing.result
    await backend.shutdown()

    const oneShot = await held(async () => new DirectoryIndex(everyone))

    console.log(
      `    start() answered after ${ms(times.startAnswered)}; ${contacts.length.toLocaleString('en')} contacts listed after ${ms(times.listed)}; searchable over all ${(2 * PEOPLE).toLocaleString('en')} entries after ${ms(loading.tookMs)}`
    )
    console.log(
      `    longest the event loop was held while loading: ${heldFor(loading)}; building the same ${(2 * PEOPLE).toLocaleString('en')} entries in one call holds it ${heldFor(oneShot)}: ratio ${(loading.cpuMs / oneShot.cpuMs).toFixed(2)}x (CPU)`
    )
    console.log(
      `    longest the event loop was held while a fresh ${PEOPLE.toLocaleString('en')}-person directory copy was indexed and written: ${heldFor(refresh)} (took ${ms(refresh.tookMs)})`
    )
    console.log(
      `    longest the event loop was held while importing a ${(csv.length / 1e6).toFixed(1)} MB CSV file of ${PEOPLE.toLocaleString('en')} contacts (${counts.added.toLocaleString('en')} added, ${counts.merged.toLocaleString('en')} merged into contacts of the same name, ${counts.duplicates.toLocaleString('en')} duplicates): ${heldFor(importing)} (took ${ms(importing.tookMs)})`
    )
    const line = (label: string, values: number[]) =>
      console.log(
        `    searchDirectory per keystroke, ${label}: median ${ms(percentile(values, 0.5))}  p95 ${ms(percentile(values, 0.95))}  max ${ms(Math.max(...values))}  (${values.length} keystrokes)`
      )
    line('20 results (quick dial)', quick)
    line('200 results (contacts view)', view)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
