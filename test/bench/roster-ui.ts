/**
 * Step 5 of the benchmark: the roster screen in Chromium with a large database, the bridge answered by
 * the real core (as in the end-to-end tests). Measures navigation until the first rows are visible,
 * and a scroll to the end until the last row is loaded.
 */
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { openDatabase } from '../../electron/core/db/open';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import { sessionFor } from '../../electron/core/auth/session';
import { signInAs } from '../api-harness';
import { BRIDGE_GLOBAL, CHANNEL_NAMES } from '../../shared/contract/names';
import { installBridge } from '../e2e/bridge-init';

const PORT = 4391;

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server at ${url}`);
}

export async function measureRosterUi(dbPath: string, reps: number): Promise<{ firstRowsMs: number[]; scrollEndMs: number[] }> {
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--config', 'renderer/vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
  const { db } = openDatabase(dbPath);
  const ctx = { db, actor: 'bench', clock: () => new Date('2026-03-10T03:00:00Z') };
  const api = createApi(ctx, { appVersion: 'bench', backupDir: null, chooseOpenFile: async () => null, chooseSaveFile: async () => null, chooseFolder: async () => null, showInFolder: async () => undefined, printToPdf: () => Promise.reject(new Error('the bench does not print')), progress: () => undefined });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const out = { firstRowsMs: [] as number[], scrollEndMs: [] as number[] };
  try {
    await waitForServer(`http://127.0.0.1:${PORT}/`);
    for (let i = 0; i < reps; i++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const gate = sessionFor(ctx);
      const call = (name: unknown, input: unknown) => dispatch(api, name, input, { gate });
      await signInAs(call as (n: string, i: unknown) => ReturnType<typeof call>, 'admin');
      await page.exposeBinding('__sigapInvoke', (_s, name: unknown, input: unknown) => call(name, input));
      await page.addInitScript(installBridge, { names: [...CHANNEL_NAMES], global: BRIDGE_GLOBAL, progressEvent: 'sigap-bench:progress' });
      await page.goto(`http://127.0.0.1:${PORT}/`);
      await page.getByRole('navigation', { name: 'Navigasi utama' }).waitFor();
      let t = performance.now();
      await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Pegawai', exact: true }).click();
      await page.locator('[role="row"][aria-rowindex="2"][data-loaded="true"]').waitFor();
      out.firstRowsMs.push(performance.now() - t);
      const count = await page.getByTestId('roster-count').textContent();
      const total = Number((count ?? '').replace(/\D/g, ''));
      t = performance.now();
      await page.getByTestId('roster-scroller').focus();
      await page.keyboard.press('End');
      await page.locator(`[role="row"][aria-rowindex="${total + 1}"][data-loaded="true"]`).waitFor();
      out.scrollEndMs.push(performance.now() - t);
      await page.close();
    }
  } finally {
    await browser.close();
    server.kill();
    db.close();
  }
  return out;
}
