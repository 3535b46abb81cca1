/** electron-builder cannot run here (it downloads Electron), so its configuration is checked by reading it. */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import AppImageTarget from 'app-builder-lib/out/targets/appimage/AppImageTarget'
import { describe, expect, it } from 'vitest'
import { LINK_SCHEMES } from '../../../src/main/app/links-in-argv'
import { TRAY_ICONS } from '../../../src/main/app/tray-presentation'

const root = resolve(__dirname, '../../..')
const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8'))
const installer = readFileSync(join(root, config.nsis.include), 'utf8')

function macro(name: string): string {
  const match = new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`).exec(installer)
  if (!match?.[1]) throw new Error(`installer.nsh has no macro ${name}`)
  return match[1]
}

describe('electron-builder.json', () => {
  it('builds deb and AppImage, NSIS and DMG', () => {
    expect(config.linux.target).toEqual(['deb', 'AppImage'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.mac.target).toEqual(['dmg'])
  })

  it('registers exactly the link schemes the app handles', () => {
    expect(config.protocols.flatMap((protocol: { schemes: string[] }) => protocol.schemes)).toEqual([...LINK_SCHEMES])
  })

  it('gives Linux a .desktop file that handles the schemes and matches the window (desktopName)', () => {
    // electron-builder writes MimeType from `protocols` and adds %U to Exec unless the entry overrides them.
    const mimeType =
      config.protocols
        .flatMap((protocol: { schemes: string[] }) => protocol.schemes.map((scheme) => `x-scheme-handler/${scheme}`))
        .join(';') + ';'
    expect(mimeType).toBe('x-scheme-handler/tel;x-scheme-handler/sip;x-scheme-handler/callto;')
    expect(config.linux.desktop.entry).not.toHaveProperty('Exec')
    expect(config.linux.desktop.entry).not.toHaveProperty('MimeType')
    expect(config.linux.executableArgs).toBeUndefined()
    expect(config.extraMetadata.desktopName).toBe(`${config.linux.executableName}.desktop`)
    expect(config.linux.syncDesktopName).toBe(true)
  })

  it("starts the AppImage with Chromium's sandbox: no --no-sandbox in its desktop entry", async () => {
    // electron-builder's own code decides the Exec line; a helper that returns it stands in for the .desktop writer.
    const packager = { platformSpecificBuildOptions: config.linux, config, appInfo: { buildVersion: '0.1.0' } }
    const helper = { computeDesktopEntry: async (_options: unknown, exec: string) => exec }
    const target = new AppImageTarget('', packager as never, helper as never, 'dist')
    const exec = await (target as unknown as { desktopEntry: { value: Promise<string> } }).desktopEntry.value
    expect(exec).toBe('AppRun %U')
  })

  it('makes a menu-bar-only app on macOS', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true)
  })

  it('ships the built app, the tray icons the app loads and the CLI the browser connection runs', () => {
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    expect(packageJson.main).toBe('out/main/index.js')
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']))
    expect(config.extraResources).toEqual([
      { from: 'resources', to: 'resources', filter: ['tray-*.png', 'icon.png'] },
      // Settings → Browser's launcher runs resources/cli/deskdial.cjs (src/main/app/browser-host-setup.ts).
      { from: 'out/cli', to: 'cli' }
    ])
    for (const icon of TRAY_ICONS) {
      expect(existsSync(join(root, 'resources', `tray-${icon}.png`))).toBe(true)
      expect(existsSync(join(root, 'resources', `tray-${icon}@2x.png`))).toBe(true)
    }
    for (const platform of ['linux', 'win', 'mac']) expect(existsSync(join(root, config[platform].icon))).toBe(true)
  })

  it('sets the Electron fuses that close the back doors', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true
    })
  })
})

describe('resources/installer.nsh (Windows URL associations)', () => {
  const install = macro('customInstall')
  const register = macro('deskdialRegisterScheme SCHEME DESCRIPTION')

  it('registers each scheme per user, starting DeskDial with the link', () => {
    for (const scheme of LINK_SCHEMES) expect(install).toContain(`!insertmacro deskdialRegisterScheme "${scheme}"`)
    expect(register).toContain('WriteRegStr HKCU "Software\\Classes\\${SCHEME}" "URL Protocol" ""')
    expect(register).toContain(
      'WriteRegStr HKCU "Software\\Classes\\${SCHEME}\\shell\\open\\command" "" \'"$INSTDIR\\${APP_EXECUTABLE_FILENAME}" "%1"\''
    )
    expect(register).toContain(
      'WriteRegStr HKCU "${DESKDIAL_CAPABILITIES}\\URLAssociations" "${SCHEME}" "${DESKDIAL_PROGID}"'
    )
  })

  it('registers DeskDial as an application with URL capabilities, for Default apps', () => {
    expect(installer).toContain('!define DESKDIAL_CAPABILITIES "Software\\DeskDial\\Capabilities"')
    expect(install).toContain(
      'WriteRegStr HKCU "Software\\RegisteredApplications" "DeskDial" "${DESKDIAL_CAPABILITIES}"'
    )
    expect(install).toContain('WriteRegStr HKCU "Software\\Classes\\${DESKDIAL_PROGID}\\shell\\open\\command"')
  })

  it('removes what it registered on uninstall', () => {
    const uninstall = macro('customUnInstall')
    for (const scheme of LINK_SCHEMES) expect(uninstall).toContain(`!insertmacro deskdialUnregisterScheme "${scheme}"`)
    expect(uninstall).toContain('DeleteRegValue HKCU "Software\\RegisteredApplications" "DeskDial"')
    expect(uninstall).toContain('DeleteRegKey HKCU "Software\\Classes\\${DESKDIAL_PROGID}"')
  })
})
