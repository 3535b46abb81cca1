/**
 * `npm run build` (after the app and the CLI): the browser extension, unpacked, for Chromium
 * browsers in out/browser-extension/chromium/ and for Firefox in out/browser-extension/firefox/.
 * Each script is one self-contained file (content scripts and Firefox's background cannot be modules).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'
import { extensionManifest, type BrowserFamily } from '../src/browser-extension/manifest'

const SOURCE = 'src/browser-extension'
const OUT = 'out/browser-extension'
const ENTRIES = { content: 'content/index.ts', background: 'background/index.ts', popup: 'popup/index.ts' }
const STATIC = [
  ['content/highlight.css', 'highlight.css'],
  ['popup/popup.html', 'popup.html'],
  ['popup/popup.css', 'popup.css']
]

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version
const scripts = join(OUT, 'scripts')
rmSync(OUT, { recursive: true, force: true })
for (const [name, entry] of Object.entries(ENTRIES)) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: scripts,
      emptyOutDir: false,
      target: 'chrome120',
      minify: false,
      lib: { entry: join(SOURCE, entry), formats: ['iife'], name: `deskdial_${name}`, fileName: () => `${name}.js` }
    }
  })
}
for (const family of ['chromium', 'firefox'] satisfies BrowserFamily[]) {
  const folder = join(OUT, family)
  mkdirSync(folder, { recursive: true })
  for (const name of Object.keys(ENTRIES)) copyFileSync(join(scripts, `${name}.js`), join(folder, `${name}.js`))
  for (const [from, to] of STATIC) copyFileSync(join(SOURCE, from), join(folder, to))
  copyFileSync('resources/icon.png', join(folder, 'icon.png'))
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(extensionManifest(family, version), null, 2) + '\n')
}
rmSync(scripts, { recursive: true })
