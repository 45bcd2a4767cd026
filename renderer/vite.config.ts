import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The renderer alone, for end-to-end tests in Chromium (the Electron build uses electron.vite.config.ts). */
export default defineConfig({
  root: resolve(__dirname),
  base: '/',
  plugins: [react()],
  build: { outDir: resolve(__dirname, '../out/renderer'), emptyOutDir: true },
});
