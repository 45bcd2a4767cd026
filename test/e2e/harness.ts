/**
 * The browser tests' Sigap: the built renderer in Chromium, and behind `window.sigap` the real core
 * over a temporary SQLite database, called through the same contract and validation as in the app.
 * Native dialogs are answered from queues the test fills; progress is forwarded to the page.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/open';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import type { HostServices } from '../../electron/core/api/host';
import type { CoreContext } from '../../electron/core/context';
import { BRIDGE_GLOBAL, CHANNEL_NAMES } from '../../shared/contract/names';
import { installBridge } from './bridge-init';
import { printWithChromium } from '../../electron/cli/chromium-pdf';

/** The core's clock in every browser test: mid-March 2026, so "this month" is stable. */
export const E2E_NOW = '2026-03-10T03:00:00Z';
const PROGRESS_EVENT = 'sigap-e2e:progress';

export interface SigapHarness {
  ctx: CoreContext;
  /** A temp directory for fixture files, removed after the test. */
  dir: string;
  /** Paths the next "open file" dialogs answer with (empty: the clerk cancels). */
  openQueue: string[];
  saveQueue: string[];
  /** Folders the next "choose folder" dialogs answer with. */
  folderQueue: string[];
  /** Opens a route and waits until the app has loaded its own data. */
  open(path?: string): Promise<void>;
}

async function forwardProgress(page: Page, event: unknown): Promise<void> {
  await page
    .evaluate(
      ({ type, detail }) => {
        const g = globalThis as unknown as { dispatchEvent(e: unknown): void; CustomEvent: new (t: string, i: { detail: unknown }) => unknown };
        g.dispatchEvent(new g.CustomEvent(type, { detail }));
      },
      { type: PROGRESS_EVENT, detail: event },
    )
    .catch(() => undefined); // the page may be closing; progress is best effort, as over IPC
}

export const test = base.extend<{ sigap: SigapHarness }>({
  sigap: async ({ page }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sigap-e2e-'));
    const { db } = openDatabase(join(dir, 'sigap.db'));
    const ctx: CoreContext = { db, actor: 'app', clock: () => new Date(E2E_NOW) }; // the desktop app's actor
    const openQueue: string[] = [];
    const saveQueue: string[] = [];
    const folderQueue: string[] = [];
    const host: HostServices = {
      appVersion: '0.1.0',
      backupDir: null,
      chooseOpenFile: async () => openQueue.shift() ?? null,
      chooseSaveFile: async () => saveQueue.shift() ?? null,
      chooseFolder: async () => folderQueue.shift() ?? null,
      printToPdf: (html, opts) => printWithChromium(html, opts, page.context().browser() ?? undefined),
      progress: (e) => void forwardProgress(page, e),
    };
    const api = createApi(ctx, host);
    await page.exposeBinding('__sigapInvoke', (_source, name: unknown, input: unknown) => dispatch(api, name, input, { checkOutput: true }));
    await page.addInitScript(installBridge, { names: [...CHANNEL_NAMES], global: BRIDGE_GLOBAL, progressEvent: PROGRESS_EVENT });

    // The renderer runs under the app's Content-Security-Policy (set by vite preview); a violation is a bug.
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));

    await use({
      ctx,
      dir,
      openQueue,
      saveQueue,
      folderQueue,
      open: async (path = '/') => {
        await page.goto(path);
        await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
      },
    });
    await page.close(); // no bridge call may reach the database after it is closed
    expect(violations, 'no CSP violations or uncaught errors in the page').toEqual([]);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
