import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/** Builds the renderer alone into out/renderer, the same way electron-vite's renderer build does. */
export default defineConfig({
  root: fileURLToPath(new URL('../../src/renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: { outDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)), emptyOutDir: true }
})
