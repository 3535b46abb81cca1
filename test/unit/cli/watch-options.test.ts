import { describe, expect, it } from 'vitest'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseCli, USAGE, UsageError } from '../../../src/cli/cli-options'
import { accountUnderPolicy } from '../../../src/cli/policy-layers'

describe('deskdial watch options', () => {
  it('takes several numbers and --duration, and needs no desk phone line', async () => {
    const command = parseCli(['watch', '1001', '1002', '--server', 'pbx', '--user', 'deskdial', '--duration', '30'], {})
    expect(command).toMatchObject({ command: 'watch', numbers: ['1001', '1002'], durationSeconds: 30 })
    if (command === 'help') throw new Error('watch is a command')
    // The account the CLI runs with, after the layers (no policy here): the user stands in for the line.
    const noPolicy = { DESKDIAL_POLICY: join(tmpdir(), `deskdial-no-policy-${process.pid}.json`) }
    await expect(accountUnderPolicy(command, noPolicy, () => undefined)).resolves.toMatchObject({ line: 'deskdial' })
  })

  it('watches until interrupted without --duration', () => {
    expect(parseCli(['watch', '1001', '--server', 'pbx', '--user', 'deskdial'], {})).toMatchObject({
      durationSeconds: undefined
    })
  })

  it('refuses no number and a duration that is not a positive number, with a sentence', () => {
    expect(() => parseCli(['watch', '--server', 'pbx'], {})).toThrow(UsageError)
    expect(() => parseCli(['watch', '--server', 'pbx'], {})).toThrow(/Give the numbers to watch/)
    expect(() => parseCli(['watch', '1001', '--duration', '0'], {})).toThrow(/--duration must be a positive number/)
    expect(() => parseCli(['watch', '1001', '--duration', 'soon'], {})).toThrow(/--duration/)
  })

  it('is listed in the usage', () => {
    expect(USAGE).toMatch(/deskdial watch <number>\.\.\./)
  })
})
