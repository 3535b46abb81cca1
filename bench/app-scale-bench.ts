/**
 * (e) The app's main process with 100,000 contacts and a 100,000-person copy of the company
 * directory: the backend the window talks to (createFileBackedBackend, the real files), from start
 * until a search answers from every entry, then one search per keystroke through the backend as the
 * quick-dial box (20 results) and the contacts view (200) ask it. The main process must keep
 * answering meanwhile, so the bench watches how long the event loop was held (its longest delay),
 * against the baseline of building the same index in one synchronous call.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { createFileBackedBackend } from '../src/main/backend/file-backed-backend'
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

/** Every prefix of every query, as typed. */
function keystrokes(): string[] {
  return QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, i) => query.slice(0, i + 1)))
}

/** Writes the contacts file and the directory copy; returns every entry, as the index holds them. */
async function seed(folder: string): Promise<DirectoryEntry[]> {
  const contacts: Contact[] = generateDirectory(PEOPLE, 3).map((entry, index) => ({
    id: `contact-${index}`,
    name: entry.name,
    company: entry.company,
    numbers: entry.numbers.slice(0, 4)
  }))
  await writeFile(join(folder, 'contacts.json'), JSON.stringify({ version: 1, contacts }))
  const directory: DirectoryEntry[] = generateDirectory(PEOPLE, 11).map((entry, index) => ({
    ...entry,
    id: `directory:uid=p${index},ou=people,dc=example,dc=com`,
    source: 'directory'
  }))
  await new DirectoryCache(join(folder, 'directory-cache.json')).write(directory)
  // The directory is on (its copy is searched only then); its server does not answer, as when offline.
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
    const stalls = monitorEventLoopDelay({ resolution: 5 })
    stalls.enable()
    const started = performance.now()
    const backend = createFileBackedBackend({
      directory: folder,
      version: 'bench',
      createService: (options) => new DeskDialService(options),
      emit: () => undefined
    })
    await backend.start()
    const startAnswered = performance.now() - started
    const contacts = await backend.listContacts()
    const listed = performance.now() - started
    const first = await backend.searchDirectory('anna', 20)
    const searchable = performance.now() - started
    stalls.disable()
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
    await backend.shutdown()

    const baseline = monitorEventLoopDelay({ resolution: 5 })
    baseline.enable()
    await new Promise((resolve) => setTimeout(resolve, 20))
    const built = performance.now()
    new DirectoryIndex(everyone)
    const oneShotMs = performance.now() - built
    await new Promise((resolve) => setTimeout(resolve, 20))
    baseline.disable()

    const held = stalls.max / 1e6
    console.log(
      `    start() answered after ${ms(startAnswered)}; ${contacts.length.toLocaleString('en')} contacts listed after ${ms(listed)}; searchable over all ${(2 * PEOPLE).toLocaleString('en')} entries after ${ms(searchable)}`
    )
    console.log(
      `    longest the event loop was held meanwhile: ${ms(held)}; building the same ${(2 * PEOPLE).toLocaleString('en')} entries in one call holds it ${ms(baseline.max / 1e6)} (build ${ms(oneShotMs)}): ratio ${(held / (baseline.max / 1e6)).toFixed(2)}x`
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
