/**
 * The soak's phone system, in a process of its own so that its memory is not counted as
 * DeskDial's: the built-in demo phone system over UDP with a random password (every REGISTER and
 * REFER is challenged) and virtual phones that answer and hang up at once. Prints one JSON line
 * with its port and the account, then runs until its standard input closes.
 */
import { startDemoPhoneSystem } from '../src/demo-pbx'

async function main(): Promise<void> {
  const pbx = await startDemoPhoneSystem({
    port: 0,
    transport: 'udp',
    account: { password: 'random' },
    maxCalls: 100,
    virtualPhones: { answerDelayMs: 1, talkTimeMs: 1 }
  })
  process.stdout.write(
    JSON.stringify({ port: pbx.port, user: pbx.account.user, password: pbx.account.password }) + '\n'
  )
  process.stdin.resume()
  process.stdin.on('end', () => void pbx.stop().then(() => process.exit(0)))
}

main().catch((error: Error) => {
  process.stderr.write(`The soak's phone system did not start: ${error.message}\n`)
  process.exit(1)
})
