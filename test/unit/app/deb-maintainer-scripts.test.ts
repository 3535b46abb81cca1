/**
 * The deb's maintainer scripts (electron-builder.json `deb.afterInstall` and `deb.afterRemove`,
 * which fpm writes as the postinst and postrm as they are): valid sh, usable as electron-builder
 * templates, and lintian-clean. fpm and Electron cannot be fetched here, so the scripts go into a
 * stand-in package built with dpkg-deb, and only lintian's tags about maintainer scripts count
 * (the stand-in's other content is not the real package's). electron-builder's own scripts, in the
 * same stand-in, show that the check sees the problems it is there for.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { requireTool } from '../../sip/support/require-tool'

const root = resolve(__dirname, '../../..')
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'))
const tools = requireTool('lintian') && requireTool('dpkg-deb')
const folder = mkdtempSync(join(tmpdir(), 'deskdial-deb-scripts-'))

afterAll(() => rmSync(folder, { recursive: true, force: true }))

const SCRIPTS = { postinst: config.deb.afterInstall as string, postrm: config.deb.afterRemove as string }
const TEMPLATES = join(root, 'node_modules/app-builder-lib/templates/linux')

/** A script as electron-builder writes it: its `${name}` macros replaced, an unknown one refused. */
function rendered(file: string): string {
  const macros: Record<string, string> = { executable: 'deskdial', sanitizedProductName: 'DeskDial' }
  return readFileSync(file, 'utf8').replace(/\${([a-zA-Z]+)}/g, (_, name: string) => {
    if (!(name in macros)) throw new Error(`${file} uses the macro ${name}, which electron-builder refuses`)
    return macros[name]
  })
}

/** lintian's errors and warnings about the maintainer scripts of a stand-in deb holding `scripts`. */
function maintainerScriptTags(name: string, scripts: Record<string, string>): string[] {
  const pkg = join(folder, name)
  mkdirSync(join(pkg, 'DEBIAN'), { recursive: true })
  writeFileSync(
    join(pkg, 'DEBIAN/control'),
    [
      'Package: deskdial',
      'Version: 0.1.0',
      'Architecture: all',
      'Maintainer: DeskDial contributors <deskdial@example.com>',
      'Description: Click-to-dial for your desk phone',
      " Stand-in package holding DeskDial's maintainer scripts.",
      ''
    ].join('\n')
  )
  for (const [script, text] of Object.entries(scripts)) {
    writeFileSync(join(pkg, 'DEBIAN', script), text)
    chmodSync(join(pkg, 'DEBIAN', script), 0o755)
  }
  const deb = join(folder, `${name}.deb`)
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', pkg, deb], { stdio: 'pipe' })
  const run = spawnSync('lintian', ['--no-cfg', '--fail-on', 'none', '--display-level', '>=pedantic', deb], {
    encoding: 'utf8'
  })
  if (run.error) throw run.error
  // Tags are read from the output, not the exit code; 1 is lintian's own failure.
  expect(run.status, run.stderr).toBe(0)
  return run.stdout
    .split('\n')
    .filter((line) => /^[EW]: /.test(line))
    .filter((line) => /\b(?:preinst|postinst|prerm|postrm)\b|maintainer-script/.test(line))
}

describe.skipIf(!tools)("the deb's maintainer scripts", () => {
  it('are our own scripts, valid sh, usable as electron-builder templates', () => {
    expect(SCRIPTS).toEqual({ postinst: 'resources/deb/after-install.sh', postrm: 'resources/deb/after-remove.sh' })
    for (const file of Object.values(SCRIPTS)) {
      const path = join(root, file)
      expect(rendered(path)).toBe(readFileSync(path, 'utf8'))
      const check = spawnSync('sh', ['-n', path], { encoding: 'utf8' })
      expect(check.stderr).toBe('')
      expect(check.status).toBe(0)
    }
  })

  it('draw no lintian error or warning', () => {
    const scripts = Object.fromEntries(
      Object.entries(SCRIPTS).map(([script, file]) => [script, rendered(join(root, file))])
    )
    expect(maintainerScriptTags('ours', scripts)).toEqual([])
  })

  it("where electron-builder's own scripts draw the warnings they are there to avoid", () => {
    const tags = maintainerScriptTags('electron-builder', {
      postinst: rendered(join(TEMPLATES, 'after-install.tpl')),
      postrm: rendered(join(TEMPLATES, 'after-remove.tpl'))
    })
    expect(tags.map((line) => line.split(' ')[2])).toEqual(
      expect.arrayContaining([
        'maintainer-script-ignores-errors',
        'command-with-path-in-maintainer-script',
        'postrm-removes-alternative'
      ])
    )
  })

  it('keep what the app needs: the deskdial command, the sandbox, the link handlers, AppArmor', () => {
    const postinst = readFileSync(join(root, SCRIPTS.postinst), 'utf8')
    const postrm = readFileSync(join(root, SCRIPTS.postrm), 'utf8')
    expect(postinst).toContain('ln -sfn "$app/deskdial" /usr/bin/deskdial')
    expect(postinst).toContain('chmod 4755 "$app/chrome-sandbox"')
    expect(postinst).toContain('update-desktop-database -q /usr/share/applications')
    expect(postinst).toContain('update-mime-database /usr/share/mime')
    expect(postinst).toContain('cp -f "$profile" /etc/apparmor.d/deskdial')
    expect(config.linux.executableName).toBe('deskdial')
    expect(config.productName).toBe('DeskDial')
    expect(postrm).toContain('rm -f /usr/bin/deskdial')
    expect(postrm).toContain('rm -f /etc/apparmor.d/deskdial')
  })
})
