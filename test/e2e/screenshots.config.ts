import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

/**
 * Every screen with demo data, written to docs/screenshots/ by specs that also check what they show.
 * `npm test` runs it last, so the committed screenshots are those of the code that passed (a changed
 * screen shows up as changed PNGs in git); `npm run screenshots` runs it alone.
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'screenshots*.ts',
  fullyParallel: false,
  webServer: { ...(base.webServer as object), cwd: resolve(import.meta.dirname, '../..') } as typeof base.webServer,
});
