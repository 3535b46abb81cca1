/**
 * A recording stand-in for the `electron` module, so the built main process (out/main/index.js)
 * can be loaded under plain Node and its wiring checked. Installed with a `Module._load` hook:
 * the real `electron` package must never be resolved here (it would try to download Electron).
 * It records what the app asks of Electron and lets the test play the OS (ready, second-instance,
 * open-url, quit).
 */
import { EventEmitter } from 'node:events'
import { existsSync } from 'node:fs'
import Module from 'node:module'

export interface FakeWebContents extends EventEmitter {
  sent: { channel: string; payload: unknown }[]
  windowOpenHandler?: (details: { url: string }) => { action: string }
  send(channel: string, payload: unknown): void
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void
}

function fakeWebContents(): FakeWebContents {
  const contents = new EventEmitter() as FakeWebContents
  contents.sent = []
  contents.send = (channel, payload) => void contents.sent.push({ channel, payload })
  contents.setWindowOpenHandler = (handler) => {
    contents.windowOpenHandler = handler
  }
  return contents
}

export interface FakeElectron {
  /** The object `require('electron')` returns while installed. */
  module: Record<string, unknown>
  app: EventEmitter & { calls: { method: string; args: unknown[] }[]; markReady(): void; quitCalls: number }
  windows: FakeBrowserWindow[]
  trays: FakeTray[]
  shortcuts: Map<string, () => void>
  handlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>
  /** `ipcMain.on` listeners (electron-store's main-process channel), by channel. */
  listeners: Map<string, (event: unknown, ...args: unknown[]) => void>
  notifications: { title: string; body: string }[]
  session: {
    permissionRequest?: (contents: unknown, permission: string, callback: (allowed: boolean) => void) => void
    permissionCheck?: (contents: unknown, permission: string) => boolean
    headers?: (
      details: { responseHeaders: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void
    ) => void
  }
  unregisterAllCalls: number
  powerMonitor: EventEmitter
  protocol: {
    /** Each registerSchemesAsPrivileged call, and whether Electron was ready by then (too late). */
    privileged: { schemes: { scheme: string; privileges: Record<string, boolean> }[]; afterReady: boolean }[]
    handlers: Map<string, (request: Request) => Promise<Response>>
  }
  /** Makes globalShortcut.register fail, as when another application owns the hotkey. */
  refuseShortcuts: boolean
  uninstall(): void
}

export interface FakeBrowserWindow extends EventEmitter {
  options: Record<string, unknown>
  webContents: FakeWebContents
  loaded: { url?: string }
  visible: boolean
  show(): void
  hide(): void
}

export interface FakeTray extends EventEmitter {
  image: { path: string }
  tooltip: string
  menu: { template: { label?: string; submenu?: unknown; type?: string; checked?: boolean }[] } | undefined
}

/** `isPackaged`: play an installed app, whose resources (process.resourcesPath) are at `appPath`. */
export function installFakeElectron(options: {
  userData: string
  appPath: string
  isPackaged?: boolean
}): FakeElectron {
  let isReady = false
  let resolveReady!: () => void
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve
  })
  const markReady = () => {
    isReady = true
    resolveReady()
  }
  const app = Object.assign(new EventEmitter(), {
    calls: [] as { method: string; args: unknown[] }[],
    markReady,
    quitCalls: 0
  })
  const record =
    (method: string, result?: unknown) =>
    (...args: unknown[]) => {
      app.calls.push({ method, args })
      return result
    }
  const fake: FakeElectron = {
    module: {},
    app,
    windows: [],
    trays: [],
    shortcuts: new Map(),
    handlers: new Map(),
    listeners: new Map(),
    notifications: [],
    session: {},
    unregisterAllCalls: 0,
    powerMonitor: new EventEmitter(),
    protocol: { privileged: [], handlers: new Map() },
    refuseShortcuts: false,
    uninstall: () => undefined
  }

  class BrowserWindow extends EventEmitter implements FakeBrowserWindow {
    static focused: BrowserWindow | undefined
    options: Record<string, unknown>
    webContents = fakeWebContents()
    loaded: { url?: string } = {}
    visible = false
    destroyed = false

    constructor(windowOptions: Record<string, unknown>) {
      super()
      this.options = windowOptions
      fake.windows.push(this)
      app.emit('web-contents-created', {}, this.webContents)
    }

    static getFocusedWindow(): BrowserWindow | undefined {
      return BrowserWindow.focused
    }

    static fromWebContents(contents: unknown): BrowserWindow | undefined {
      return fake.windows.find((window) => window.webContents === contents) as BrowserWindow | undefined
    }

    async loadURL(url: string): Promise<void> {
      this.loaded = { url }
    }

    show(): void {
      this.visible = true
      BrowserWindow.focused = this
    }

    hide(): void {
      this.visible = false
    }

    focus(): void {
      BrowserWindow.focused = this
    }

    center(): void {}
    restore(): void {}

    isVisible(): boolean {
      return this.visible
    }

    isFocused(): boolean {
      return BrowserWindow.focused === this
    }

    isMinimized(): boolean {
      return false
    }

    isDestroyed(): boolean {
      return this.destroyed
    }
  }

  class Tray extends EventEmitter implements FakeTray {
    image: { path: string }
    tooltip = ''
    menu: FakeTray['menu']

    constructor(image: { path: string }) {
      super()
      this.image = image
      fake.trays.push(this)
    }

    setImage(image: { path: string }): void {
      this.image = image
    }

    setToolTip(tooltip: string): void {
      this.tooltip = tooltip
    }

    setContextMenu(menu: FakeTray['menu']): void {
      this.menu = menu
    }

    destroy(): void {}
  }

  class Notification {
    static isSupported(): boolean {
      return true
    }

    constructor(private readonly content: { title: string; body: string }) {}

    show(): void {
      fake.notifications.push({ title: this.content.title, body: this.content.body })
    }
  }

  const paths = new Map([['userData', options.userData]])
  Object.assign(app, {
    requestSingleInstanceLock: record('requestSingleInstanceLock', true),
    setAsDefaultProtocolClient: record('setAsDefaultProtocolClient', true),
    setLoginItemSettings: record('setLoginItemSettings'),
    whenReady: () => ready,
    quit: () => {
      app.quitCalls += 1
    },
    setPath: (name: string, path: string) => {
      record('setPath')(name, path)
      paths.set(name, path)
    },
    getPath: (name: string) => paths.get(name) ?? `/nonexistent/${name}`,
    getAppPath: () => options.appPath,
    getVersion: () => '0.0.0-test',
    getLocale: () => 'en-US',
    getLocaleCountryCode: () => 'US',
    isPackaged: options.isPackaged ?? false
  })

  fake.module = {
    app,
    BrowserWindow,
    Tray,
    Notification,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: {
      createFromPath: (path: string) => {
        if (!existsSync(path)) throw new Error(`The test's fake nativeImage was given a missing file: ${path}`)
        return { path }
      }
    },
    globalShortcut: {
      register: (accelerator: string, callback: () => void) => {
        if (fake.refuseShortcuts) return false
        fake.shortcuts.set(accelerator, callback)
        return true
      },
      unregister: (accelerator: string) => fake.shortcuts.delete(accelerator),
      unregisterAll: () => {
        fake.unregisterAllCalls += 1
        fake.shortcuts.clear()
      }
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: FakeElectron['protocol']['privileged'][number]['schemes']) => {
        fake.protocol.privileged.push({ schemes, afterReady: isReady })
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.protocol.handlers.set(scheme, handler)
      }
    },
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) =>
        fake.handlers.set(channel, handler),
      on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) =>
        fake.listeners.set(channel, listener)
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: FakeElectron['session']['permissionRequest']) => {
          fake.session.permissionRequest = handler
        },
        setPermissionCheckHandler: (handler: (contents: unknown, permission: string) => boolean) => {
          fake.session.permissionCheck = handler
        },
        webRequest: {
          onHeadersReceived: (handler: FakeElectron['session']['headers']) => {
            fake.session.headers = handler
          }
        }
      }
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptStringAsync: async (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptStringAsync: async (buffer: Buffer) => ({
        result: Buffer.from(buffer).reverse().toString('utf8'),
        shouldReEncrypt: false
      })
    },
    powerMonitor: fake.powerMonitor,
    net: { isOnline: () => true },
    clipboard: { readText: async () => '' }
  }

  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown }
  const original = loader._load
  loader._load = function load(request: string, parent: unknown, isMain: boolean) {
    if (request === 'electron') return fake.module
    return original.call(this, request, parent, isMain)
  }
  if (options.isPackaged) Object.assign(process, { resourcesPath: options.appPath })
  fake.uninstall = () => {
    loader._load = original
    Reflect.deleteProperty(process, 'resourcesPath')
  }
  return fake
}
