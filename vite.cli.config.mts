import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

// The CLI is CommonJS for plain Node, with sip.js (ESM-only) bundled in: deskdial-main.cjs is the CLI,
// deskdial.cjs the small launcher that runs it from V8's code cache (src/cli/code-cache.ts). import()
// becomes require() so that the bundle also runs where the launcher compiles it, in node:vm.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { deskdial: 'src/cli/code-cache.ts', 'deskdial-main': 'src/cli/deskdial.ts' },
      external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'chunks/[name]-[hash].cjs',
        dynamicImportInCjs: false
      }
    }
  },
  ssr: { noExternal: true, target: 'node' }
})
