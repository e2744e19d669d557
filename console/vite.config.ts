/**
 * Vite builds the console into dist/, the folder Firebase Hosting serves.
 * Everything it emits is an external, content-hashed file under assets/ (no
 * inline scripts, no data: URIs), so the CSP in firebase.json can forbid
 * inline scripts and Hosting can cache assets/ for a year.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
  },
});
