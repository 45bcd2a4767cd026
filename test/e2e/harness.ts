/**
 * The browser tests' Sigap: the built renderer in Chromium, and behind `window.sigap` the real core
 * over a temporary SQLite database, called through the same contract and validation as in the app.
 * Native dialogs are answered from queues the test fills; progress is forwarded to the page.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { createApi } from '../../electron/core/api/create-api';
import { dispatch } from '../../electron/core/api/dispatch';
import type { HostServices } from '../../electron/core/api/host';
import type { CoreContext } from '../../electron/core/context';
import { BRIDGE_GLOBAL, CHANNEL_NAMES } from '../../shared/contract/names';
import { installBridge } from './bridge-init';
import { printWithChromium } from '../../electron/cli/chromium-pdf';
import { sessionFor } from '../../electron/core/auth/session';
import { storeOf } from '../../electron/core/store/of-context';
import { signInAs, TEST_ADMIN, TEST_PASSWORD } from '../api-harness';
import type { Role } from '../../shared/roles';

export { TEST_ADMIN, TEST_PASSWORD };

/** The core's clock in every browser test: mid-March 2026, so "this month" is stable. */
export const E2E_NOW = '2026-03-10T03:00:00Z';
const PROGRESS_EVENT = 'sigap-e2e:progress';

export interface SigapHarness {
  /** The e2e harness runs on a SQLite file (the server tests of #14 bring PostgreSQL to the browser). */
  ctx: CoreContext & { db: Db };
  /** A temp directory for fixture files, removed after the test. */
  dir: string;
  /** Paths the next "open file" dialogs answer with (empty: the clerk cancels). */
  openQueue: string[];
  saveQueue: string[];
  /** Folders the next "choose folder" dialogs answer with. */
  folderQueue: string[];
  /** Paths the core asked the host to show in their folder ("Buka folder"), in order. */
  revealed: string[];
  /** PDFs the core asked the host to show in its viewer window (a decree scan): title and size. */
  pdfShown: { title: string; bytes: number }[];
  /** Opens a route and waits until the app has loaded its own data. */
  open(path?: string): Promise<void>;
  /** Signs out and in again (through the real calls) as another role, or nobody. Reload the page after. */
  signInAs(who: Role | 'signedOut'): Promise<void>;
  /** Moves the core's clock forward (to reach the inactivity lock). */
  advanceClock(minutes: number): void;
  /** Where automatic backups go (null unless the test asked for backups). */
  backupDir: string | null;
}

export interface SigapOptions {
  /**
   * Who is signed in before the page opens: by default the administrator, created through the real
   * `auth.setup`, so the app shows its pages directly. 'firstRun' leaves the database without users.
   */
  sigapAuth: Role | 'signedOut' | 'firstRun';
  /** Give the core an automatic-backup folder (as the desktop app has). */
  sigapBackups: boolean;
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

export const test = base.extend<{ sigap: SigapHarness } & SigapOptions>({
  sigapAuth: ['admin', { option: true }],
  sigapBackups: [false, { option: true }],
  sigap: async ({ page, sigapAuth, sigapBackups }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'sigap-e2e-'));
    const { db } = openDatabase(join(dir, 'sigap.db'));
    let offset = 0;
    const ctx: CoreContext & { db: Db } = { db, actor: 'app', clock: () => new Date(Date.parse(E2E_NOW) + offset) }; // the desktop app's actor
    const backupDir = sigapBackups ? join(dir, 'cadangan') : null;
    const openQueue: string[] = [];
    const saveQueue: string[] = [];
    const folderQueue: string[] = [];
    const revealed: string[] = [];
    const pdfShown: { title: string; bytes: number }[] = [];
    const host: HostServices = {
      appVersion: '0.1.0',
      backupDir,
      chooseOpenFile: async () => openQueue.shift() ?? null,
      chooseSaveFile: async () => saveQueue.shift() ?? null,
      chooseFolder: async () => folderQueue.shift() ?? null,
      showInFolder: async (path) => void revealed.push(path),
      showPdf: async (bytes, title) => void pdfShown.push({ title, bytes: bytes.length }),
      printToPdf: (html, opts) => printWithChromium(html, opts, page.context().browser() ?? undefined),
      progress: (e) => void forwardProgress(page, e),
    };
    const api = createApi(ctx, host);
    // The same session gate as the app's core: every call from the page is checked against it.
    const gate = sessionFor(ctx);
    const call = (name: unknown, input: unknown) => dispatch(api, name, input, { checkOutput: true, gate });
    if (sigapAuth !== 'firstRun') await signInAs(call as (n: string, i: unknown) => ReturnType<typeof call>, sigapAuth);
    await page.exposeBinding('__sigapInvoke', (_source, name: unknown, input: unknown) => call(name, input));
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
      revealed,
      pdfShown,
      open: async (path = '/') => {
        await page.goto(path);
        await expect(page.getByRole('navigation', { name: 'Navigasi utama' })).toBeVisible();
      },
      signInAs: async (who) => {
        await call('auth.logout', {});
        await signInAs(call as (n: string, i: unknown) => ReturnType<typeof call>, who);
      },
      advanceClock: (minutes) => {
        offset += minutes * 60_000;
      },
      backupDir,
    });
    await page.close(); // no bridge call may reach the database after it is closed
    expect(violations, 'no CSP violations or uncaught errors in the page').toEqual([]);
    // Through the store: a transaction a last call left running ends before the file closes.
    await storeOf(ctx).close();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
