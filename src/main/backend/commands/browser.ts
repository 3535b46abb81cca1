import type { BrowserCommands, BrowserConnections, BrowserId } from '../../../shared/ipc-contract'
import { hostStates, installHost, uninstallHost, type BrowserHostSetup } from '../../browser-host/host-install'
import { BROWSER_NAMES, BROWSERS, type Browser } from '../../browser-host/host-manifests'
import type { BackendParts } from '../backend-parts'

const NOT_AVAILABLE =
  'This DeskDial cannot set up browsers from its window. Run “deskdial browser-host install” in a terminal instead.'

function connections(setup: BrowserHostSetup, error?: string): BrowserConnections {
  // One profile folder (tests, unusual setups) is Chromium's, as with `--browser-dir`.
  const shown = setup.browserDirectory === undefined ? BROWSERS : (['chromium'] as const)
  const browsers = hostStates({ ...setup, browsers: shown, node: '', cli: '' }).map((state) => ({
    browser: state.browser,
    name: BROWSER_NAMES[state.browser],
    state: state.installed
      ? ('installed' as const)
      : state.browserFound
        ? ('not-installed' as const)
        : ('browser-not-found' as const),
    where: state.where
  }))
  return error === undefined ? { browsers } : { browsers, error }
}

/** Runs `change` for one browser and answers every browser's state after it, with a sentence when it failed. */
function changed(setup: BrowserHostSetup, browser: Browser, change: () => string[], doing: string): BrowserConnections {
  let error: string | undefined
  try {
    // A line that is not "installed (…)." or "removed." tells what went wrong (reg.exe on Windows).
    error = change().find((line) => !/: (installed \(.*\)|removed)\.$/.test(line))
  } catch (failure) {
    const reason = (failure as Error).message.replace(/\.?$/, '.')
    error = `DeskDial could not ${doing} for ${BROWSER_NAMES[browser]}: ${reason} Then try again.`
  }
  return connections(setup, error)
}

/**
 * Settings → Browser: the connection between the browser extension and the app (the native
 * messaging host `org.deskdial.dialer`), per browser, as `deskdial browser-host install|uninstall|status`.
 */
export function browser(parts: BackendParts): BrowserCommands {
  const setup = parts.options.browserHost
  const unavailable = async (): Promise<BrowserConnections> => ({ browsers: [], error: NOT_AVAILABLE })
  if (setup === undefined) {
    return {
      browserConnections: unavailable,
      installBrowserConnection: unavailable,
      removeBrowserConnection: unavailable
    }
  }
  return {
    browserConnections: async () => connections(setup),
    async installBrowserConnection(id: BrowserId) {
      return changed(
        setup,
        id,
        () => installHost({ ...setup, ...setup.launcher(), browsers: [id] }),
        'set up the connection'
      )
    },
    async removeBrowserConnection(id: BrowserId) {
      return changed(
        setup,
        id,
        () => uninstallHost({ ...setup, node: '', cli: '', browsers: [id] }),
        'remove the connection'
      )
    }
  }
}
