/**
 * What app://deskdial/ serves: files under the renderer directory and nothing else, whatever a
 * request (or a symlink in the directory) tries.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findRendererFile, isAtOrigin, serveRendererFile } from '../../../src/main/app/renderer-files'

let out: string
let renderer: string

beforeAll(() => {
  // Shaped like out/: the renderer beside main, a sibling sharing its name as a prefix, secrets around.
  out = mkdtempSync(join(tmpdir(), 'deskdial-renderer-files-'))
  renderer = join(out, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  mkdirSync(join(out, 'main'))
  mkdirSync(join(out, 'renderer-old'))
  mkdirSync(join(out, 'outside'))
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>DeskDial</title>')
  writeFileSync(join(renderer, 'assets/index.js'), 'console.log(1)')
  writeFileSync(join(renderer, 'assets/index.css'), 'body{}')
  writeFileSync(join(renderer, 'assets/logo.svg'), '<svg/>')
  writeFileSync(join(renderer, 'assets/blob.bin'), 'x')
  writeFileSync(join(out, 'main/index.js'), 'secret main')
  writeFileSync(join(out, 'renderer-old/index.html'), 'old')
  writeFileSync(join(out, 'secret.txt'), 'secret')
  writeFileSync(join(out, 'outside/secret.txt'), 'secret')
  symlinkSync('index.html', join(renderer, 'start.html'))
  symlinkSync('../secret.txt', join(renderer, 'leak.txt'))
  symlinkSync('../outside', join(renderer, 'linked'), 'dir')
})

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe('finding the file an app://deskdial/ URL names', () => {
  it.each([
    ['app://deskdial/index.html', 'index.html'],
    ['app://deskdial/assets/index.js', 'assets/index.js'],
    ['app://deskdial/index.html?v=2#quick-dial', 'index.html'],
    ['app://deskdial/start.html', 'index.html'],
    ['app://deskdial/assets/..%2findex.html', 'index.html']
  ])('serves %s from the renderer directory', async (url, file) => {
    expect(await findRendererFile(renderer, url)).toEqual({ ok: true, file: join(renderer, file) })
  })

  it.each([
    // Leaving the directory: refused before the file system is asked, whether the target exists or not.
    ['an encoded ../', 'app://deskdial/..%2fsecret.txt', 403],
    ['encoded dots and slash', 'app://deskdial/%2e%2e%2fsecret.txt', 403],
    ['a mix of encodings', 'app://deskdial/.%2E%2Fmain/index.js', 403],
    ['a climb from a subdirectory', 'app://deskdial/assets/..%2f..%2fmain%2findex.js', 403],
    ['a sibling directory sharing the name as a prefix', 'app://deskdial/..%2frenderer-old%2findex.html', 403],
    ['a long climb to the root', 'app://deskdial/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', 403],
    ['a climb to a file that does not exist', 'app://deskdial/..%2fno-such-file', 403],
    ['a symlink to a file outside', 'app://deskdial/leak.txt', 403],
    ['a symlink to a directory outside', 'app://deskdial/linked/secret.txt', 403],
    [
      'encoded backslashes (a climb on Windows, a file name elsewhere)',
      'app://deskdial/..%5csecret.txt',
      process.platform === 'win32' ? 403 : 404
    ],
    // Harmless once parsed: inside the directory, and not there.
    ['../ (removed by the URL parser)', 'app://deskdial/../secret.txt', 404],
    ['%2e%2e/ (removed by the URL parser)', 'app://deskdial/%2e%2e/%2E%2e/secret.txt', 404],
    ['an absolute path, which stays inside', 'app://deskdial/%2Fetc%2Fpasswd', 404],
    ['a doubled slash, which stays inside', 'app://deskdial//etc/passwd', 404],
    ['a Windows drive path, which stays inside', 'app://deskdial/C:%5CWindows%5Cwin.ini', 404],
    ['double encoding, a file name here', 'app://deskdial/%252e%252e%252fsecret.txt', 404],
    ['the directory itself', 'app://deskdial/', 404],
    ['a subdirectory', 'app://deskdial/assets', 404],
    ['a missing file', 'app://deskdial/missing.js', 404],
    ['a path through a file', 'app://deskdial/index.html/x', 404],
    // Not DeskDial's origin.
    ['another host', 'app://evil.example/index.html', 404],
    ['a port', 'app://deskdial:8080/index.html', 404],
    ['credentials', 'app://user:pass@deskdial/index.html', 404],
    ['another scheme', 'file:///etc/passwd', 404],
    ['not a URL', 'index.html', 404],
    // Malformed.
    ['a NUL byte', 'app://deskdial/index.html%00.js', 400],
    ['a broken escape', 'app://deskdial/%E0%A4%A', 400]
  ])('answers %s, %s, with %i', async (_case, url, status) => {
    expect(await findRendererFile(renderer, url)).toEqual({ ok: false, status })
  })
})

describe('answering a request for the renderer', () => {
  const headers = { 'Content-Security-Policy': "default-src 'self'" }

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index.js', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
    ['assets/blob.bin', 'application/octet-stream']
  ])('sends %s as %s, with the given headers and no sniffing', async (file, contentType) => {
    const response = await serveRendererFile(renderer, new Request(`app://deskdial/${file}`), headers)
    expect(response.status).toBe(200)
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-security-policy': "default-src 'self'",
      'content-type': contentType,
      'x-content-type-options': 'nosniff'
    })
  })

  it('sends the file itself', async () => {
    expect(await (await serveRendererFile(renderer, new Request('app://deskdial/index.html'), headers)).text()).toBe(
      '<!doctype html><title>DeskDial</title>'
    )
  })

  it('sends a refusal without a body', async () => {
    const response = await serveRendererFile(renderer, new Request('app://deskdial/..%2fsecret.txt'), headers)
    expect(response.status).toBe(403)
    expect(await response.text()).toBe('')
  })
})

describe('whether a URL is at an origin', () => {
  it.each([
    ['app://deskdial/index.html#quick-dial', 'app://deskdial', true],
    ['app://deskdial.evil.example/index.html', 'app://deskdial', false],
    ['http://localhost:5173/#quick-dial', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['https://localhost:5173/', 'http://localhost:5173/', false],
    ['http://attacker@localhost:5173/', 'http://localhost:5173/', false],
    ['about:blank', 'app://deskdial', false],
    ['', 'app://deskdial', false]
  ])('%s at %s: %s', (url, origin, expected) => {
    expect(isAtOrigin(url, origin)).toBe(expected)
  })
})
