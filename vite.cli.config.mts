import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

// The CLI is one CommonJS file for plain Node, with sip.js (ESM-only) bundled in.
export default defineConfig({
  build: {
    ssr: 'src/cli/deskdial.ts',
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
      output: { format: 'cjs', entryFileNames: 'deskdial.cjs' }
    }
  },
  ssr: { noExternal: true, target: 'node' }
})
