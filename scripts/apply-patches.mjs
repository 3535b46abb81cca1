/**
 * npm's postinstall: applies patches/ (sip.js's grammar, built once instead of on every header)
 * with patch-package when it is installed, as it is with the development dependencies.
 *
 * Why it may skip: `npm ci --omit=dev`, what a packager runs, installs the runtime dependencies
 * only, and patch-package is not one of them. Nothing at runtime needs the patch: the app's main
 * process (out/main) and the CLI (out/cli) bundle sip.js when they are built, which takes the
 * development dependencies and so patch-package, which fails the install when a patch does not apply.
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'

let patchPackage
try {
  const manifest = createRequire(path.resolve('package.json')).resolve('patch-package/package.json')
  patchPackage = path.join(path.dirname(manifest), 'index.js')
} catch {
  console.log(
    'patches/ not applied: patch-package is a development dependency, not installed here (npm ci --omit=dev). ' +
      'The built app and CLI already hold the patched sip.js; install with the development dependencies to build them.'
  )
  process.exit(0)
}
const run = spawnSync(process.execPath, [patchPackage, '--error-on-fail'], { stdio: 'inherit' })
process.exit(run.status ?? 1)
