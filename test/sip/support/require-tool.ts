/**
 * External tools the SIP integration tests need. Missing on a developer machine: the suite is
 * skipped with a printed reason. Missing in CI (`CI` set): the suite fails, naming what to install,
 * so a broken CI image never turns the SIP tests into a silent pass.
 */
import { accessSync, constants } from 'node:fs'
import path from 'node:path'

const INSTALL_HINTS = {
  sipp: 'SIPp 3.6 or later as `sipp` on PATH (Debian/Ubuntu: apt-get install sip-tester), or set SIPP=/path/to/sipp',
  openssl: 'the openssl command line tool on PATH (Debian/Ubuntu: apt-get install openssl)',
  baresip:
    'baresip as `baresip` on PATH (Debian/Ubuntu: apt-get install baresip-core), or set BARESIP=/path/to/baresip',
  ip: 'iproute2 (`ip netns`) and root, to make a network namespace (Debian/Ubuntu: apt-get install iproute2)',
  nft: 'nftables (`nft`) and root, to drop packets in a network namespace (Debian/Ubuntu: apt-get install nftables)',
  kamailio:
    'Kamailio 5.6 with its presence modules as `kamailio` on PATH (Debian/Ubuntu: apt-get install kamailio kamailio-presence-modules), or set KAMAILIO=/path/to/kamailio',
  lintian: 'lintian, to check the maintainer scripts of the deb (Debian/Ubuntu: apt-get install lintian)',
  'dpkg-deb': 'dpkg-deb, to build a package (Debian/Ubuntu: part of dpkg)',
  slapd: 'OpenLDAP slapd and slapadd in /usr/sbin (Debian/Ubuntu: apt-get install slapd), or set SLAPD=/path/to/slapd'
} as const

export type RequiredTool = keyof typeof INSTALL_HINTS

function executableOnPath(command: string): boolean {
  const candidates = command.includes('/')
    ? [command]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, command))
  return candidates.some((candidate) => {
    try {
      accessSync(candidate, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

/**
 * Returns whether the tool can be run, for `describe.skipIf(!requireTool('sipp'))`.
 * Throws (failing the test file) when it is missing and `CI` is set.
 */
export function requireTool(tool: RequiredTool): boolean {
  const command =
    tool === 'sipp'
      ? (process.env.SIPP ?? 'sipp')
      : tool === 'baresip'
        ? (process.env.BARESIP ?? 'baresip')
        : tool === 'kamailio'
          ? (process.env.KAMAILIO ?? 'kamailio')
          : tool === 'slapd'
            ? (process.env.SLAPD ?? '/usr/sbin/slapd')
            : tool
  const needsRoot = tool === 'ip' || tool === 'nft'
  if (executableOnPath(command) && (!needsRoot || process.getuid?.() === 0)) return true
  const message = `${command} is not installed: install ${INSTALL_HINTS[tool]}.`
  if (process.env.CI) throw new Error(`${message} The integration tests cannot run without it.`)
  console.warn(`Skipping the tests that need ${tool}: ${message}`)
  return false
}
