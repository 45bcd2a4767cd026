import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/**
 * `npm run screenshots`: every screen with demo data, written to docs/screenshots/. Kept out of
 * `npm test` (its own config) because it rewrites files that are committed.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots*.ts',
  fullyParallel: false,
  webServer: { ...(base.webServer as object), cwd: resolve(import.meta.dirname, '../..') } as typeof base.webServer,
});
