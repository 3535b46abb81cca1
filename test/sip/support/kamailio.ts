/**
 * Kamailio 5.6 as a real presence server for the line-state tests: a registrar and proxy whose
 * `dialog` module tracks the calls it routes, `pua_dialoginfo` publishes their dialog state for
 * caller and callee, and `presence` with `presence_dialoginfo` serves `Event: dialog`
 * subscriptions. Its tables live in db_text files in a temporary folder; it listens on a loopback
 * UDP port and is stopped by its PID.
 */
import { spawn } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { freeLoopbackPort, isListening } from './sipp'

const KAMAILIO_BINARY = process.env.KAMAILIO ?? 'kamailio'
const MODULES = process.env.KAMAILIO_MODULES ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules'
const DBTEXT_TABLES = process.env.KAMAILIO_DBTEXT ?? '/usr/share/kamailio/dbtext/kamailio'
const TABLES = ['version', 'presentity', 'active_watchers', 'watchers', 'xcap', 'pua']

export interface KamailioServer {
  port: number
  /** Everything Kamailio logged, for failure messages. */
  output(): string
  stop(): Promise<void>
}

export interface KamailioOptions {
  /** The longest subscription Kamailio grants (seconds): short, so that refreshing is proven. */
  maxExpires: number
  /** The longest registration Kamailio grants (seconds), when a test needs DeskDial to re-register soon. */
  maxRegistrationExpires?: number
}

function config(port: number, db: string, options: KamailioOptions): string {
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
disable_tcp=yes
auto_aliases=no
listen=udp:127.0.0.1:${port}
mpath="${MODULES}"

loadmodule "db_text.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "dialog.so"
loadmodule "presence.so"
loadmodule "presence_dialoginfo.so"
loadmodule "pua.so"
loadmodule "pua_dialoginfo.so"

modparam("rr", "append_fromtag", 1)
modparam("presence", "db_url", "text://${db}")
modparam("presence", "server_address", "sip:127.0.0.1:${port}")
modparam("presence", "max_expires", ${options.maxExpires})
${options.maxRegistrationExpires ? `modparam("registrar", "max_expires", ${options.maxRegistrationExpires})` : ''}
modparam("pua", "db_url", "text://${db}")
modparam("pua", "db_mode", 0)

request_route {
  xlog("L_INFO", "$rm $ru from $si:$sp\\n");
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("PUBLISH|SUBSCRIBE")) { route(PRESENCE); }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
    sl_send_reply("404", "Not here");
    exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
  if (is_method("REGISTER")) { save("location"); exit; }
  if (is_method("INVITE")) { dlg_manage(); record_route(); }
  if (!lookup("location")) { sl_send_reply("404", "Not Found"); exit; }
  t_relay();
}

route[PRESENCE] {
  if (!t_newtran()) { sl_reply_error(); exit; }
  if (is_method("PUBLISH")) { handle_publish(); } else { handle_subscribe(); }
  exit;
}
`
}

/** Starts Kamailio and resolves once it listens; rejects (after stopping it) when it does not within 10 s. */
export async function startKamailio(options: KamailioOptions): Promise<KamailioServer> {
  if (!existsSync(path.join(MODULES, 'presence_dialoginfo.so')))
    throw new Error(`Kamailio's presence modules are missing in ${MODULES}: apt-get install kamailio-presence-modules.`)
  const dir = await mkdtemp(path.join(tmpdir(), 'deskdial-kamailio-'))
  const db = path.join(dir, 'db')
  await mkdir(db)
  for (const table of TABLES) await copyFile(path.join(DBTEXT_TABLES, table), path.join(db, table))
  const port = await freeLoopbackPort('udp')
  const file = path.join(dir, 'kamailio.cfg')
  await writeFile(file, config(port, db, options))

  let output = ''
  const child = spawn(KAMAILIO_BINARY, ['-DD', '-E', '-m', '64', '-M', '8', '-f', file, '-w', dir, '-Y', dir], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('latin1')).slice(-40_000)
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  let running = true
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      running = false
      resolve()
    })
    child.once('error', (error) => {
      output += `\n${error.message}`
      running = false
      resolve()
    })
  })
  const stop = async (): Promise<void> => {
    if (running) {
      child.kill('SIGTERM')
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await exited
      clearTimeout(killer)
    }
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 10_000
  while (!(await isListening('udp', port))) {
    if (!running || Date.now() > deadline) {
      await stop()
      throw new Error(`Kamailio did not start listening on udp 127.0.0.1:${port}:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return { port, output: () => output, stop }
}
