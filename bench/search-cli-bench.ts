/**
 * (f) `deskdial search` on a 3,000-person directory from many countries (a real slapd, size limit
 * 500, half its people moved from Active Directory; test/ldap/support/world-people.ts): each query
 * of the issue-14 query set timed from process start to exit of the built CLI
 * (`deskdial search <q> --ldap-url … --ldap-base … --ldap-bind-dn … --limit 5 --json`), the offline
 * copy fetched once by the first run; against the plain server-side search in the same run: an
 * `ldapsearch` process asking the server with the filter DeskDial sends for the same query (what
 * the CLI did before it searched the copy), and how many of the expected people each finds in the
 * first five.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { searchFilter } from '../src/main/directory/ldap/ldap-filter'
import { PEOPLE_DN, READER_DN, startSlapd } from '../test/ldap/support/slapd'
import { WORLD_QUERIES, worldPeople } from '../test/ldap/support/world-people'

const CLI = join(__dirname, '../out/cli/deskdial.cjs')

/** Runs a process to its end; `ok` are its exit codes that are no failure (ldapsearch exits 4 at its size limit). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ok: number[] = [0]
): Promise<{ ms: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (!ok.includes(code ?? -1)) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`))
      else resolve({ ms: performance.now() - started, stdout })
    })
  })
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]
}

const ms = (value: number): string => `${value.toFixed(0)} ms`

export async function benchSearchCli(): Promise<void> {
  const server = await startSlapd({ directory: worldPeople(3000), sizeLimit: 500 })
  const folder = await mkdtemp(join(tmpdir(), 'deskdial-bench-search-'))
  try {
    const env = { PATH: process.env.PATH, DESKDIAL_USER_DATA: folder, DESKDIAL_LDAP_PASSWORD: server.password }
    const ldap = ['--ldap-url', server.url, '--ldap-base', PEOPLE_DN, '--ldap-bind-dn', READER_DN]
    const cli = (query: string) => run(process.execPath, [CLI, 'search', query, ...ldap, '--limit', '5', '--json'], env)
    const nameOf = (uid: string): string => {
      const person = server.people.find((candidate) => candidate.uid === uid)!
      return person.displayName ?? person.cn
    }
    const settings = server.settings()
    const first = await cli(WORLD_QUERIES[0].query)
    const deskdial: number[] = []
    const plain: number[] = []
    let deskdialFound = 0
    const misses: string[] = []
    let plainFound = 0
    for (const { query, uid } of WORLD_QUERIES) {
      const answer = await cli(query)
      deskdial.push(answer.ms)
      const names = answer.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { name: string }).name)
      if (names.includes(nameOf(uid))) deskdialFound += 1
      else misses.push(`"${query}" (${names.join(', ')})`)
      const filter = searchFilter(query, settings)!
      const asked = await run(
        'ldapsearch',
        ['-x', '-LLL', '-H', server.url, '-D', READER_DN, '-w', server.password, '-b', PEOPLE_DN, '-z', '5', filter],
        env,
        [0, 4]
      )
      plain.push(asked.ms)
      if (asked.stdout.includes(`uid=${uid},`)) plainFound += 1
    }
    const count = WORLD_QUERIES.length
    const median = (values: number[]) => percentile(values, 0.5)
    console.log(
      `(f) deskdial search on ${server.people.length.toLocaleString('en')} people from many countries (slapd, size limit 500), ${count} queries (load ${loadavg()[0].toFixed(2)})`
    )
    console.log(`    first run, fetching the offline copy with paged searches: ${ms(first.ms)}`)
    console.log(
      `    deskdial search --limit 5: median ${ms(median(deskdial))}  p95 ${ms(percentile(deskdial, 0.95))}  max ${ms(Math.max(...deskdial))}; expected person in the first five: ${deskdialFound} of ${count}`
    )
    console.log(
      `    ldapsearch -z 5 with DeskDial's server filter: median ${ms(median(plain))}  p95 ${ms(percentile(plain, 0.95))}  max ${ms(Math.max(...plain))}; expected person in the first five: ${plainFound} of ${count}`
    )
    console.log(`    deskdial's misses: ${misses.join('; ') || 'none'}`)
    console.log(`    ratio (median) ${(median(deskdial) / median(plain)).toFixed(2)}x`)
  } finally {
    await server.stop()
    await rm(folder, { recursive: true, force: true })
  }
}
