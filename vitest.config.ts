import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The core's tests that open a database through the engine-switched helpers (test/helpers.ts:
 * testContext, testDatabase) run twice: on the embedded SQLite file (project `core`) and on a real
 * PostgreSQL cluster that test/pg/global-setup.ts starts for the run (project `core-pg`). Tests of
 * files, parsers and the Electron layer touch no database and run once; tests that start their own
 * cluster to compare both engines (store-engines, store-dialect, pg-schema) run once too.
 */
const UNIT = 'test/unit';
const onBothEngines = readdirSync(UNIT)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => /\b(testContext|testDatabases?)\(/.test(readFileSync(`${UNIT}/${f}`, 'utf8')))
  .map((f) => `${UNIT}/${f}`);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          env: { SIGAP_TEST_ENGINE: 'sqlite' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'core-pg',
          environment: 'node',
          include: onBothEngines,
          env: { SIGAP_TEST_ENGINE: 'postgres' },
          globalSetup: ['test/pg/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
});
