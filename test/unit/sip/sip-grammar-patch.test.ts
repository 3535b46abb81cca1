/**
 * sip.js 0.21.2's generated SIP grammar rebuilt its parse tables on every call, once per header;
 * patches/sip.js+0.21.2.patch (applied by patch-package in `postinstall`) builds them once. The
 * bundles (out/main, out/cli) and the tests take sip.js from node_modules, so the installed copy
 * must be the patched one, and it must parse exactly as the original did. The original is
 * recovered from the installed file by reversing the patch with `git apply -R`.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const PATCH = join(root, 'patches/sip.js+0.21.2.patch')
const GRAMMAR = 'node_modules/sip.js/lib/grammar/pegjs/dist/grammar.js'

interface PegGrammar {
  parse(input: string, options: { startRule: string; data?: unknown }): unknown
}

let scratch: string

/** The original grammar's text, or a thrown error when the installed file is not original + patch. */
function originalGrammarText(): string {
  const copy = join(scratch, GRAMMAR)
  mkdirSync(dirname(copy), { recursive: true })
  cpSync(join(root, GRAMMAR), copy)
  execFileSync('git', ['apply', '-R', PATCH], { cwd: scratch, stdio: 'pipe' })
  return readFileSync(copy, 'utf8')
}

/** Loads grammar text as a module that shares the installed sip.js's URI and NameAddrHeader classes. */
async function loadGrammar(text: string, name: string): Promise<PegGrammar> {
  const installed = pathToFileURL(join(root, dirname(GRAMMAR), '../..')).href
  const file = join(scratch, `${name}.mjs`)
  writeFileSync(file, text.replaceAll('from "../../', `from "${installed}/`))
  return import(pathToFileURL(file).href) as Promise<PegGrammar>
}

const messages = [
  [
    'REGISTER sip:pbx.example.com SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport',
    'Max-Forwards: 70',
    'From: "Desk 1001" <sip:1001@pbx.example.com>;tag=9fxced76sl',
    'To: <sip:1001@pbx.example.com>',
    'Call-ID: 3848276298220188511@192.0.2.10',
    'CSeq: 2 REGISTER',
    'Contact: <sip:1001@192.0.2.10:5060;transport=udp>;expires=600;q=0.7;+sip.instance="<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";reg-id=1',
    'Authorization: Digest username="1001", realm="pbx", nonce="abc", uri="sip:pbx.example.com", response="0123456789abcdef0123456789abcdef", algorithm=MD5, qop=auth, nc=00000001, cnonce="x"',
    'Supported: path, gruu',
    'Expires: 600',
    'Content-Length: 0'
  ],
  [
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK74bf9;rport=5060;received=192.0.2.10',
    'Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKouter',
    'From: "Desk 1001" <sip:1001@pbx.example.com>;tag=9fxced76sl',
    'To: <sip:1001@pbx.example.com>;tag=srv1',
    'Call-ID: 3848276298220188511@192.0.2.10',
    'CSeq: 2 REGISTER',
    'WWW-Authenticate: Digest realm="pbx", nonce="4f9a", qop="auth,auth-int", algorithm=SHA-256, stale=FALSE, opaque="5ccc"',
    'WWW-Authenticate: Digest realm="pbx", domain="sip:pbx.example.com", nonce="4f9b", algorithm=MD5',
    'Content-Length: 0'
  ],
  [
    'SIP/2.0 407 Proxy Authentication Required',
    'Via: SIP/2.0/TLS [2001:db8::10]:5061;branch=z9hG4bKv6',
    'Proxy-Authenticate: Digest realm="cme", nonce="n1", stale=true, algorithm=MD5-sess, qop="auth"',
    'Proxy-Authenticate: Basic realm="nope"',
    'CSeq: 7 REFER'
  ],
  [
    'REFER sip:1001@192.0.2.20 SIP/2.0',
    'v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKrefer',
    'f: <sip:1001@pbx.example.com>;tag=a1',
    't: <sip:1001@192.0.2.20>',
    'i: refer-1@192.0.2.10',
    'r: <sip:1002@pbx.example.com?Replaces=abc%40host%3Bto-tag%3D1%3Bfrom-tag%3D2>',
    'b: "Desk" <sip:1001@pbx.example.com>;cid="3456@x"',
    'Referred-By: <sip:1001@pbx.example.com>',
    'Refer-To: sip:1002@pbx.example.com;method=INVITE',
    'Event: refer',
    'Require: norefersub',
    'm: <sip:1001@192.0.2.10:5060>',
    'l: 0'
  ],
  [
    'SIP/2.0 202 Accepted',
    'Record-Route: <sip:proxy1.example.com;lr>, <sip:192.0.2.99:5070;lr;transport=tcp>',
    'Record-Route: <sips:[2001:db8::1]:5061;lr>',
    'Contact: <sip:pbx.example.com>, "Second" <sip:2@pbx.example.com>;expires=0',
    'Contact: *',
    'Server: Cisco-SIPGateway/IOS-15.x',
    'CSeq: 1 REFER'
  ],
  [
    'NOTIFY sip:1001@192.0.2.10:5060 SIP/2.0',
    'Event: refer;id=93809824',
    'o: refer;id=1',
    'Subscription-State: active;expires=60',
    'Content-Type: message/sipfrag;version=2.0',
    'c: application/sdp; charset="utf-8"',
    'Content-Disposition: session;handling=required',
    'Content-Length: 19',
    '',
    'SIP/2.0 180 Ringing'
  ],
  [
    'NOTIFY sip:1001@192.0.2.10 SIP/2.0',
    'Subscription-State: terminated;reason=noresource;retry-after=30',
    'Subscription-State: pending',
    'Event: dialog',
    'Content-Type: message/sipfrag',
    '',
    'SIP/2.0 200 OK\r\nContact: <sip:x@y>'
  ],
  [
    'INVITE sips:alice%40corp:secret@[2001:db8::2]:5061;transport=tls;maddr=239.255.255.1;ttl=15;lr?subject=project%20x&priority=urgent SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10:5060',
    ' ;branch=z9hG4bKfolded ;received=198.51.100.1;maddr=192.0.2.1;ttl=2',
    'From: "Zoë \\"Z\\" Ångström" <sip:zoe@example.com>;tag=öäü',
    'To: Bob <tel:+1-201-555-0123;phone-context=example.com>',
    'Session-Expires: 1800;refresher=uac',
    'Min-SE: 90',
    'Replaces: 98asjd8@test.com;to-tag=12345;from-tag=54321;early-only',
    'CSeq: 4711 FOO-BAR.baz',
    'CSeq: 4294967296 INVITE',
    'Max-Forwards: 0',
    'Supported: timer, 100rel,	replaces',
    'Supported:',
    'Require: 100rel',
    'Content-Length: abc',
    'Via: SIP/2.0/UDP',
    'Content-Type: text',
    'Event: ',
    'Call-ID: has space@x',
    'From: sip:no-angle@example.com;tag=1',
    'To: <sip:1001@host:99999>',
    'Contact: <sip:a@b>;expires=abc, garbage<',
    'Refer-To: <sip:1002@host?Replaces=x>;extra',
    'Max-Forwards: 256'
  ],
  ['SIP/2.0 499 Über unknown — reason', 'Content-Length: 0']
]

/** Odd first lines, and values that no header above carries whole but some start rules parse on their own. */
const fragments = [
  'SIP/2.0 99 Too short',
  'invite sip:x@y SIP/2.0',
  'OPTIONS sip:x@y SIP/3.0',
  'REFER  SIP/2.0',
  'MESSAGE sip:x@y;;; SIP/2.0',
  'Referred-By: <sip:1001@pbx.example.com>;cid="3456@x"',
  'b: "Desk" <sip:1001@pbx.example.com>',
  'sip:1002@127.0.0.1',
  'sips:alice@example.com:5061;transport=tcp?subject=hi',
  'tel:+1-201-555-0123',
  '"Bob" <sip:bob@example.com>',
  'example.com',
  '192.0.2.1',
  '[::1]',
  '"a \\"quoted\\" string"',
  'Alice Smith',
  'stun:stun.example.com:3478',
  'stuns:stun.example.com',
  'turn:turn.example.com?transport=udp',
  'turns:turn.example.com:5349?transport=tcp',
  'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
  'Digest realm="r", nonce="n"',
  'http://example.com/path?x=1',
  '',
  ' ',
  '*'
]

/** What sip.js hands the grammar from these messages: first lines, header values (unfolded), bodies. */
function inputs(): string[] {
  const values = new Set(fragments)
  for (const lines of messages) {
    const blank = lines.indexOf('')
    const [firstLine, ...headers] = (blank === -1 ? lines : lines.slice(0, blank))
      .join('\r\n')
      .replace(/\r\n[ \t]+/g, ' ')
      .split('\r\n')
    values.add(firstLine)
    for (const header of headers) values.add(header.slice(header.indexOf(':') + 1).trim())
    if (blank !== -1) values.add(lines.slice(blank + 1).join('\r\n'))
  }
  return [...values]
}

/** What a caller can observe of one parse: the value returned or the error thrown, and `options.data`. */
function outcome(grammar: PegGrammar, input: string, startRule: string): unknown {
  const options: { startRule: string; data?: unknown } = { startRule }
  try {
    return { returned: grammar.parse(input, options), data: options.data }
  } catch (caught) {
    const { name, message, expected, found, location } = caught as Record<string, unknown>
    return { thrown: { name, message, expected, found, location }, data: options.data }
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'deskdial-grammar-'))
})

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true })
})

describe("sip.js's SIP grammar as installed", () => {
  it('is the original with patches/sip.js+0.21.2.patch applied', () => {
    const original = originalGrammarText()
    expect(original).toContain('function peg$parse(input, options) {')
    expect(readFileSync(join(root, GRAMMAR), 'utf8')).toContain('const peg$parse = (function () {')
  })

  it('parses every start rule exactly as the original grammar, one call after another', async () => {
    const original = originalGrammarText()
    const before = await loadGrammar(original, 'original-grammar')
    const after = await loadGrammar(readFileSync(join(root, GRAMMAR), 'utf8'), 'patched-grammar')
    const startRules = [.../peg\$startRuleIndices = \{([^}]*)\}/.exec(original)![1].matchAll(/(\w+): \d+/g)].map(
      (match) => match[1]
    )
    expect(startRules).toHaveLength(34)

    const parsedByRule = new Map(startRules.map((rule) => [rule, 0]))
    const differences: string[] = []
    let compared = 0
    for (const input of inputs()) {
      for (const startRule of [...startRules, 'No_Such_Rule']) {
        const expected = outcome(before, input, startRule)
        if (!isDeepStrictEqual(outcome(after, input, startRule), expected))
          differences.push(`${startRule} on ${JSON.stringify(input)}`)
        if (!('thrown' in (expected as object))) parsedByRule.set(startRule, (parsedByRule.get(startRule) ?? 0) + 1)
        compared += 1
      }
    }
    expect(differences).toEqual([])
    expect([...parsedByRule].filter(([, parsed]) => parsed === 0).map(([rule]) => rule)).toEqual([])
    expect(compared).toBeGreaterThan(2500)
  })
})
