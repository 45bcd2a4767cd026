import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The core's tests that open a database through the engine-switched helpers (test/helpers.ts:
 * testContext, testDatabase, or a fixture beside the tests built on them) run twice: on the embedded SQLite file (project `core`) and on a real
 * PostgreSQL cluster that test/pg/global-setup.ts starts for the run (project `core-pg`). Tests of
 * files, parsers and the Electron layer touch no database and run once; tests that start their own
 * cluster to compare both engines (store-engines, store-dialect, pg-schema) run once too.
 */
const UNIT = 'test/unit';
const read = (f: string) => readFileSync(`${UNIT}/${f}`, 'utf8');
const OPENS = /\b(testContext|testDatabases?)\(/;
// Fixture modules beside the tests that open a database through those helpers (billing-fixture's
// billingDb, and fixtures built on it), found transitively: a test using one runs on both engines too.
const fixtures = readdirSync(UNIT).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const opening = new Set<string>();
const importsOpening = (src: string) => [...opening].some((f) => src.includes(`'./${f.replace(/\.ts$/, '')}'`));
for (let grew = true; grew; ) {
  grew = false;
  for (const f of fixtures) {
    if (opening.has(f) || !(OPENS.test(read(f)) || importsOpening(read(f)))) continue;
    opening.add(f);
    grew = true;
  }
}
const onBothEngines = readdirSync(UNIT)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => OPENS.test(read(f)) || importsOpening(read(f)))
  .map((f) => `${UNIT}/${f}`);

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the CPUs: a single worker on a 2-core CI machine, which
    // leaves a core idle while a test waits for PostgreSQL or a child process. Two at least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
