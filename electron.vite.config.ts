import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// Entries are electron-vite's defaults: src/main/index.ts, src/preload/index.ts, src/renderer/index.html.
// Output is CommonJS (package.json has no "type": "module"), which a sandboxed preload requires.
export default defineConfig({
  main: {
    // sip.js and electron-store (with conf) are ESM-only: bundle them into the CommonJS main;
    // CommonJS dependencies stay in node_modules.
    build: { externalizeDeps: { exclude: ['sip.js', 'electron-store'] } }
  },
  preload: {},
  renderer: {
    plugins: [react()]
  }
})
