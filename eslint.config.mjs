import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import globals from 'globals'

/**
 * DeskDial's layers, top to bottom. A folder may import only from folders below it (and from
 * itself); `src/shared` is the bottom. The folders on one line sit beside each other.
 *
 *   src/renderer            (React; talks to main only through window.deskdial)
 *   src/preload             (the contextBridge API)
 *   src/main/app            (the Electron adapters; src/main/index.ts starts them)
 *   src/main/backend        (the app's commands without Electron)      src/cli (the deskdial command)
 *   src/main/whoami         (the user's own entry in the company directory: desk phone and name)
 *   src/main/service        (one phone-system connection)               src/demo-pbx (a SIP server of its own)
 *   src/main/line-state     (watching desk phones' lines: dialog and presence subscriptions)
 *   src/main/sip            (sip.js, transports, REGISTER, REFER/NOTIFY)
 *   src/main/directory                                                (the search over contacts, LDAP and history)
 *   src/main/dial, settings, contacts, contact-files, history, diagnostics   (beside the service: plain data and files, no SIP)
 *   src/main/policy         (the administrator's policy; beside settings, may import settings and trust)
 *   src/main/trust          (the CA files the user chose, for SIP over TLS and the directory)
 *   src/main/browser-host   (the native messaging host: frames, host manifests; used by src/cli and, for
 *                            Settings → Browser, src/main/backend)
 *   src/main/browser-relay  (the app's local socket for the host; src/main/backend gives it DeskDial)
 *   src/browser-extension   (the browser extension: only src/shared below it)
 *   src/shared              (the IPC contract and the types every layer shares)
 *   src/browser-extension/detection (finding numbers in page text: libphonenumber-js and src/shared only)
 */
const MAIN = [
  'app',
  'backend',
  'whoami',
  'service',
  'line-state',
  'sip',
  'directory',
  'dial',
  'settings',
  'contacts',
  'contact-files',
  'history',
  'diagnostics',
  'policy',
  'trust',
  'browser-host',
  'browser-relay'
]
const main = (...folders) => folders.map((folder) => `./src/main/${folder}`)
const DOMAIN = main('dial', 'settings', 'contacts', 'contact-files', 'history', 'diagnostics')
const OUTSIDE_MAIN = ['./src/renderer', './src/preload', './src/cli', './src/demo-pbx', './src/browser-extension']

/** For each layer: the folders it must never import from. */
const FORBIDDEN = [
  {
    target: './src/main/browser-relay',
    from: [...main(...MAIN.filter((folder) => folder !== 'browser-relay')), './src/main/index.ts', ...OUTSIDE_MAIN]
  },
  {
    target: './src/main/browser-host',
    from: [
      ...main('app', 'backend', 'service', 'line-state', 'sip', 'directory'),
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/browser-extension',
    from: ['./src/main', './src/renderer', './src/preload', './src/cli', './src/demo-pbx']
  },
  { target: './src/shared', from: [...main(...MAIN), './src/main/index.ts', ...OUTSIDE_MAIN] },
  {
    target: './src/main/trust',
    from: [...main(...MAIN.filter((folder) => folder !== 'trust')), './src/main/index.ts', ...OUTSIDE_MAIN]
  },
  {
    target: './src/main/sip',
    from: [
      ...main('app', 'backend', 'service', 'line-state', 'directory', 'policy', 'whoami'),
      ...DOMAIN,
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: DOMAIN,
    from: [
      ...main('app', 'backend', 'service', 'line-state', 'sip', 'directory', 'policy', 'whoami'),
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/main/whoami',
    from: [...main('app', 'backend', 'service', 'line-state', 'sip'), './src/main/index.ts', ...OUTSIDE_MAIN]
  },
  {
    target: './src/main/line-state',
    from: [
      ...main('app', 'backend', 'service', 'directory', 'policy', 'whoami'),
      ...DOMAIN,
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/main/policy',
    from: [
      ...main(...MAIN.filter((folder) => !['policy', 'settings', 'trust'].includes(folder))),
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/main/directory',
    from: [
      ...main('app', 'backend', 'service', 'line-state', 'sip', 'policy', 'whoami'),
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/main/service',
    from: [
      ...main('app', 'backend', 'directory', 'policy', 'whoami'),
      ...DOMAIN,
      './src/main/index.ts',
      ...OUTSIDE_MAIN
    ]
  },
  {
    target: './src/main/backend',
    from: [...main('app', 'sip'), './src/main/index.ts', './src/renderer', './src/preload', './src/cli']
  },
  { target: ['./src/main/app', './src/main/index.ts'], from: ['./src/renderer', './src/preload', './src/cli'] },
  { target: './src/cli', from: [...main('app', 'backend'), './src/main/index.ts', './src/renderer', './src/preload'] },
  { target: './src/demo-pbx', from: ['./src/main', './src/renderer', './src/preload', './src/cli'] },
  { target: './src/preload', from: ['./src/main', './src/renderer', './src/cli', './src/demo-pbx'] },
  { target: './src/renderer', from: ['./src/main', './src/preload', './src/cli', './src/demo-pbx'] },
  {
    target: './src/browser-extension/detection',
    from: ['./src/main', './src/renderer', './src/preload', './src/cli', './src/demo-pbx']
  }
]

const layerZones = FORBIDDEN.flatMap(({ target, from }) =>
  from.map((forbidden) => ({
    target,
    from: forbidden,
    message: "DeskDial's layers only import downwards: see the layer list in eslint.config.mjs and the README."
  }))
)

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['src/browser-extension/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules
  },
  {
    // The layer order, checked on resolved paths, and no import cycles anywhere in src.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
      // Follow imports into TypeScript files too, or cycles through them go unseen.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] }
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }]
    }
  },
  {
    // Only the thin Electron adapters may touch Electron: everything else runs under plain Node.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/app/**', 'src/main/index.ts', 'src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/app/*, src/main/index.ts and src/preload import electron.' }
          ]
        }
      ]
    }
  },
  {
    // Small files named for what they do: the plain-Node side and the CLI keep each file under 350 lines.
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 350 }] }
  },
  {
    // Number detection runs in web pages' content scripts: its own files, libphonenumber-js and src/shared.
    files: ['src/browser-extension/detection/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^(?!libphonenumber-js(/|$)|\./(?!\.)|\.\./\.\./shared/)`,
              message: 'Detection imports only libphonenumber-js and src/shared.'
            }
          ]
        }
      ]
    }
  }
)
