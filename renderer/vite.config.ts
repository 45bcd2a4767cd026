import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from '../electron/main/csp.ts';

/**
 * The renderer alone, for end-to-end tests in Chromium (the Electron build uses electron.vite.config.ts).
 * `vite preview` sends the app's own Content-Security-Policy, so the browser tests catch a violation.
 */
export default defineConfig({
  root: resolve(import.meta.dirname),
  base: '/',
  plugins: [react()],
  // SIGAP_WEB_OUT lets parallel work build and preview its own copy without emptying another's.
  build: { outDir: process.env.SIGAP_WEB_OUT ?? resolve(import.meta.dirname, '../out/renderer'), emptyOutDir: true },
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
