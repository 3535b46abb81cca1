/**
 * (d) The directory search: 100,000 generated people (bench/generated-directory.ts), searched on
 * every keystroke by DeskDial's index and, on the same data and the same keystrokes, by uFuzzy (with
 * its defaults, and with `intraMode: 1`, which forgives one typo per word) and Fuse.js. Prints the latency per keystroke, 35 queries with the people each should find (chosen
 * from the data by a rule, never from an engine's answers) and each engine's top five, the index's
 * build time and memory, the time to change one person and to replace a whole source.
 */
import uFuzzy from '@leeoniya/ufuzzy'
import Fuse from 'fuse.js'
import { cpus, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { DirectoryIndex, foldText, type DirectoryEntry } from '../src/main/directory'
import { generateDirectory } from './generated-directory'

const PEOPLE = 100_000
const QUERIES_PER_KIND = 5
const PASSES = 3
/** Fuse.js takes about two seconds a keystroke here: it types a sample of the keystrokes, within a time budget. */
const FUSE_KEYSTROKES = 40
const FUSE_BUDGET_MS = 20_000
const UPDATES = 200
/** How long the heap is left alone after a forced GC before a pass is timed. */
const SETTLE_MS = 1_000

interface Engine {
  name: string
  top(query: string, limit: number): string[]
}

interface Query {
  kind: string
  text: string
  expected: string[]
}

/** What the bench knows of a person to decide, without any engine, whom a query should find. */
interface Plain {
  entry: DirectoryEntry
  nameWords: string[]
  otherWords: string[]
  digits: string[]
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

function wordsOf(text: string | undefined): string[] {
  return text ? (foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []) : []
}

function plainOf(entry: DirectoryEntry): Plain {
  return {
    entry,
    nameWords: wordsOf(entry.name),
    otherWords: [...wordsOf(entry.company), ...wordsOf(entry.department)],
    digits: entry.numbers.map((number) => number.number.replace(/\D/g, ''))
  }
}

const startsAWord = (words: string[], token: string): boolean => words.some((word) => word.startsWith(token))

/** The rules that say whom a query should find; printed with the results. */
const RULES = {
  name: 'every word of the query (folded) starts a word of the name',
  field: 'every word of the query (folded) starts a word of the name, company or department',
  initials: "the first letters of the name's words start with the query",
  number: 'a number contains the digits of the query, leading zeros (a trunk prefix) removed'
}
type Rule = keyof typeof RULES

function matchesRule(person: Plain, rule: Rule, text: string): boolean {
  const tokens = wordsOf(text)
  switch (rule) {
    case 'name':
      return tokens.every((token) => startsAWord(person.nameWords, token))
    case 'field':
      return tokens.every((token) => startsAWord(person.nameWords, token) || startsAWord(person.otherWords, token))
    case 'initials':
      return person.nameWords
        .map((word) => word[0])
        .join('')
        .startsWith(tokens.join(''))
    case 'number': {
      const digits = text.replace(/\D/g, '').replace(/^0+/, '')
      return person.digits.some((number) => number.includes(digits))
    }
  }
}

/** One slip in a word, at a letter past the first: two neighbours swapped, one dropped, doubled or wrong. */
function withSlip(word: string, kind: number): string {
  const at = Math.max(1, Math.floor(word.length / 2))
  switch (kind % 4) {
    case 0:
      return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1)
    case 1:
      return word.slice(0, at) + word.slice(at + 1)
    case 2:
      return word.slice(0, at) + word[at] + word.slice(at)
    default:
      return (
        word.slice(0, at) + (word[at] === 'z' ? 'a' : String.fromCharCode(word.charCodeAt(at) + 1)) + word.slice(at + 1)
      )
  }
}

/** One of the person's numbers as someone else would write it; undefined when it has no long enough number. */
function numberAsTyped(person: Plain, variant: number): string | undefined {
  const written = person.entry.numbers.find((number) => number.number.replace(/\D/g, '').length >= 10)?.number
  if (!written) return undefined
  const digits = written.replace(/\D/g, '')
  const last7 = digits.slice(-7)
  switch (variant % 4) {
    case 0:
      return `${last7.slice(0, 3)} ${last7.slice(3)}`
    case 1:
      return `${last7.slice(0, 4)}-${last7.slice(4)}`
    case 2: {
      // The national form of an international number: "+49 30 1234567" typed "030 1234567".
      const country = /^\+(1|33|44|49|81)/.exec(written.replace(/\s/g, ''))?.[1]
      if (!country || country === '1') return undefined
      const national = digits.slice(country.length)
      return `0${national.slice(0, 2)} ${national.slice(2)}`
    }
    default:
      return `(${digits.slice(-10, -7)}) ${digits.slice(-7, -4)} ${digits.slice(-4)}`
  }
}

interface Kind {
  name: string
  rule: Rule
  /** The query typed for the person and the query the rule reads (the same unless the typed one has a slip). */
  make(person: Plain, n: number): { typed: string; meant: string } | undefined
}

const LATIN = /^[a-z]+$/
const KINDS: Kind[] = [
  {
    name: 'name as written',
    rule: 'name',
    make: (person) => ({ typed: person.entry.name, meant: person.entry.name })
  },
  {
    name: 'word starts',
    rule: 'name',
    make: ({ nameWords }) => {
      const text = `${nameWords[0].slice(0, 3)} ${nameWords[nameWords.length - 1].slice(0, 4)}`
      return { typed: text, meant: text }
    }
  },
  {
    name: 'one typo',
    rule: 'name',
    make: ({ nameWords }, n) => {
      const family = nameWords[nameWords.length - 1]
      if (family.length < 6 || !LATIN.test(family)) return undefined
      return { typed: `${nameWords[0]} ${withSlip(family, n)}`, meant: `${nameWords[0]} ${family}` }
    }
  },
  {
    name: 'accents left out',
    rule: 'name',
    make: ({ entry, nameWords }) => {
      if (!/[À-ɏ]/.test(entry.name)) return undefined
      return { typed: nameWords.join(' '), meant: nameWords.join(' ') }
    }
  },
  {
    name: 'initials',
    rule: 'initials',
    make: ({ nameWords }) => {
      if (nameWords.length < 3 || !nameWords.every((word) => LATIN.test(word))) return undefined
      const text = nameWords.map((word) => word[0]).join('')
      return { typed: text, meant: text }
    }
  },
  {
    name: 'number written differently',
    rule: 'number',
    make: (person, n) => {
      const text = numberAsTyped(person, n)
      return text ? { typed: text, meant: text } : undefined
    }
  },
  {
    name: 'name and company',
    rule: 'field',
    make: ({ entry, nameWords }) => {
      const company = wordsOf(entry.company)[0]
      if (!company) return undefined
      const text = `${nameWords[nameWords.length - 1]} ${company.slice(0, 4)}`
      return { typed: text, meant: text }
    }
  }
]

/**
 * For each kind, the first people (in a fixed stride through the data) whose query the rule says
 * should find between one and five people: those are the expected results.
 */
function chooseQueries(plain: Plain[]): Query[] {
  const queries: Query[] = []
  for (const [k, kind] of KINDS.entries()) {
    let chosen = 0
    for (let step = 0; chosen < QUERIES_PER_KIND && step < plain.length; step += 1) {
      const person = plain[(k * 7_919 + step * 104_729) % plain.length]
      const made = kind.make(person, chosen)
      if (!made) continue
      const expected = plain.filter((other) => matchesRule(other, kind.rule, made.meant)).map((other) => other.entry.id)
      if (expected.length < 1 || expected.length > 5) continue
      queries.push({ kind: `${kind.name} (${kind.rule})`, text: made.typed, expected })
      chosen += 1
    }
  }
  return queries
}

/** The collector, also when node runs without --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc
  if (exposed) return exposed
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

function timed(run: () => void): number {
  const started = performance.now()
  run()
  return performance.now() - started
}

function peers(people: DirectoryEntry[]): Engine[] {
  // Both peers get the same folded text as DeskDial, and each number also as its bare digits.
  const lines = people.map((entry) =>
    [
      entry.name,
      entry.company,
      entry.department,
      ...entry.numbers.flatMap((n) => [n.number, n.number.replace(/\D/g, '')])
    ]
      .filter(Boolean)
      .map((text) => foldText(text!))
      .join(' ')
  )
  const fuzzy = (name: string, options: uFuzzy.Options): Engine => {
    const engine = new uFuzzy(options)
    return {
      name,
      top: (query, limit) => {
        const [found, info, order] = engine.search(lines, foldText(query), 0, 1_000)
        if (!found) return []
        if (!info || !order) return found.slice(0, limit).map((i) => people[i].id)
        return order.slice(0, limit).map((i) => people[info.idx[i]].id)
      }
    }
  }
  const records = people.map((entry, i) => ({ id: entry.id, text: lines[i], name: foldText(entry.name) }))
  const fuse = new Fuse(records, { keys: [{ name: 'name', weight: 2 }, 'text'], threshold: 0.4 })
  return [
    fuzzy('ufuzzy', {}),
    fuzzy('ufuzzy-1', { intraMode: 1 }),
    { name: 'fuse.js', top: (query, limit) => fuse.search(foldText(query), { limit }).map((result) => result.item.id) }
  ]
}

function keystrokesOf(queries: Query[]): string[] {
  return queries.flatMap((query) =>
    Array.from({ length: query.text.length }, (_, i) => query.text.slice(0, i + 1)).filter(
      (typed) => typed.trim() !== ''
    )
  )
}

const fmt = (ms: number): string => `${ms.toFixed(3)} ms`
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')

function summary(times: number[]): string {
  return `median ${fmt(percentile(times, 0.5))}  p95 ${fmt(percentile(times, 0.95))}  max ${fmt(Math.max(...times))}`
}

function ratios(peer: number[], deskdial: number[]): string {
  const ratio = (p: number): string => (percentile(peer, p) / percentile(deskdial, p)).toFixed(1)
  return `${ratio(0.5)}x DeskDial's median, ${ratio(0.95)}x its p95`
}

function benchIndex(people: DirectoryEntry[], gc: () => void): DirectoryIndex {
  const memory = (): number => {
    gc()
    const { heapUsed, arrayBuffers } = process.memoryUsage()
    return heapUsed + arrayBuffers
  }
  const before = memory()
  let index: DirectoryIndex | undefined
  const buildMs = timed(() => (index = new DirectoryIndex(people)))
  const megabytes = (memory() - before) / 1e6
  console.log(
    `    index of ${PEOPLE} people: built in ${fmt(buildMs)} (one synchronous call: the event loop waits that long), ${megabytes.toFixed(1)} MB (heap and array buffers after GC; the entries themselves not counted)`
  )

  const change = (edit: (entry: DirectoryEntry, i: number) => DirectoryEntry): number[] =>
    Array.from({ length: UPDATES }, (_, i) => {
      const changed = edit(people[(i * 997) % PEOPLE], i)
      return timed(() => index!.upsert(changed))
    })
  const numbers = change((entry, i) => ({
    ...entry,
    numbers: [...entry.numbers, { label: 'mobile', number: `+49 170 ${1_000_000 + i}` }]
  }))
  const names = change((entry) => ({ ...entry, name: `${entry.name} Jr` }))
  console.log(`    one person changed in place (upsert, no rebuild), ${UPDATES} times each:`)
  console.log(`      a number added  ${summary(numbers)}`)
  console.log(`      the name changed  ${summary(names)}`)
  const fresh = people.map((entry) => ({ ...entry }))
  const replaceMs = timed(() => index!.replaceSource('directory', fresh))
  console.log(`    replaceSource('directory', ${PEOPLE} fresh entries) into the built index: ${fmt(replaceMs)}`)
  return index!
}

/**
 * Each engine types every keystroke in a pass of its own, after a GC and a pause (so that none pays
 * for the garbage another left, nor for the GC's sweeping, which goes on in the background for a
 * while and slowed the next keystrokes up to tenfold), in a different order each pass (so that the
 * load of the machine falls on each in turn).
 */
async function benchKeystrokes(
  keystrokes: string[],
  deskdial: Engine,
  peers: Engine[],
  settle: () => Promise<void>
): Promise<void> {
  const fuse = peers[peers.length - 1]
  const typing = [deskdial, ...peers.slice(0, -1)]
  for (const engine of typing) for (const typed of keystrokes) engine.top(typed, 20)
  const times = typing.map((): number[] => [])
  for (let pass = 0; pass < PASSES; pass += 1) {
    for (let turn = 0; turn < typing.length; turn += 1) {
      const i = (pass + turn) % typing.length
      await settle()
      for (const typed of keystrokes) times[i].push(timed(() => typing[i].top(typed, 20)))
    }
  }
  console.log(
    `    per keystroke, ${keystrokes.length} keystrokes x ${PASSES} passes, top 20, each engine's pass after a GC and a ${SETTLE_MS / 1000} s pause, in turns:`
  )
  for (const [i, engine] of typing.entries()) {
    const compared = i === 0 ? '' : `  (${ratios(times[i], times[0])})`
    console.log(`      ${engine.name.padEnd(9)} ${summary(times[i])}${compared}`)
  }

  const every = Math.max(1, Math.floor(keystrokes.length / FUSE_KEYSTROKES))
  const sample = keystrokes.filter((_, i) => i % every === 0).slice(0, FUSE_KEYSTROKES)
  const sampled = { deskdial: [] as number[], fuse: [] as number[] }
  await settle()
  const started = performance.now()
  for (const typed of sample) {
    if (performance.now() - started > FUSE_BUDGET_MS) break
    sampled.fuse.push(timed(() => fuse.top(typed, 20)))
  }
  await settle()
  for (let pass = 0; pass < PASSES; pass += 1)
    for (const typed of sample.slice(0, sampled.fuse.length))
      sampled.deskdial.push(timed(() => deskdial.top(typed, 20)))
  console.log(
    `    Fuse.js on a sample (every ${every}th keystroke, at most ${FUSE_KEYSTROKES}, within ${FUSE_BUDGET_MS / 1000} s): ${sampled.fuse.length} keystrokes, then DeskDial on the same ${PASSES} times, each after a GC and a pause`
  )
  console.log(`      deskdial  ${summary(sampled.deskdial)}`)
  console.log(`      ${fuse.name.padEnd(9)} ${summary(sampled.fuse)}  (${ratios(sampled.fuse, sampled.deskdial)})`)
}

function compareTopFive(queries: Query[], engines: Engine[], nameOf: (id: string) => string): void {
  console.log(`    ${queries.length} queries; the people each should find, by the rule named with it:`)
  for (const [rule, text] of Object.entries(RULES)) console.log(`      ${rule}: ${text}`)
  console.log('    (a query with a typo is judged by the rule on the same query without the typo)')
  const found = new Map(engines.map((engine) => [engine.name, 0]))
  let total = 0
  for (const query of queries) {
    total += query.expected.length
    const expected = new Set(query.expected)
    const tops = engines.map((engine) => engine.top(query.text, 5))
    const counts = tops.map((top, i) => {
      const hits = top.filter((id) => expected.has(id)).length
      found.set(engines[i].name, found.get(engines[i].name)! + hits)
      return `${engines[i].name} ${hits}/${expected.size}`
    })
    console.log(`    ${JSON.stringify(query.text)}  ${query.kind}  found: ${counts.join(', ')}`)
    console.log(`      expected  ${query.expected.map(nameOf).join(' | ')}`)
    for (const [i, top] of tops.entries()) {
      const names = top.map((id) => `${expected.has(id) ? '*' : ''}${nameOf(id)}`)
      console.log(`      ${engines[i].name.padEnd(9)} ${names.join(' | ') || '(nothing)'}`)
    }
  }
  console.log(
    `    expected people in the top 5 (* above): ${engines.map((engine) => `${engine.name} ${found.get(engine.name)}/${total}`).join(', ')}`
  )
}

export async function benchDirectory(): Promise<void> {
  const gc = collector()
  const settle = async (): Promise<void> => {
    gc()
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
  }
  console.log(
    `(d) the directory search: ${PEOPLE} generated people; node ${process.version}, ${cpus().length} cores, load average ${load()}`
  )
  const people = generateDirectory(PEOPLE)
  const index = benchIndex(people, gc)
  const deskdial: Engine = {
    name: 'deskdial',
    top: (query, limit) => index.search(query, limit).map((hit) => hit.entry.id)
  }
  const others = peers(people)
  const queries = chooseQueries(people.map(plainOf))
  await benchKeystrokes(keystrokesOf(queries), deskdial, others, settle)
  const names = new Map(people.map((entry) => [entry.id, entry.name]))
  compareTopFive(queries, [deskdial, ...others], (id) => names.get(id) ?? id)
  console.log(`    load average at the end ${load()}`)
}
