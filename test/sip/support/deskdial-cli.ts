import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const CLI = path.resolve(__dirname, '../../../out/cli/deskdial.cjs')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the built CLI; `stdin`, when given, is written to its standard input, which is then closed. */
export function deskdial(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does).`)
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === 'number' ? error.code : error ? -1 : 0
        resolve({ code, stdout, stderr })
      }
    )
    if (stdin !== undefined) child.stdin?.end(stdin)
  })
}
