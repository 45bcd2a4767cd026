/**
 * The core in a worker thread: it owns the database connection (the SQLite file, or the pool to a
 * PostgreSQL server when SIGAP_DB is a postgres:// URL) and answers bridge calls, so a long
 * import or billing run never blocks the main process's event loop (menus, dialogs, other windows).
 * Native dialogs stay in main: the worker asks for them by message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { latestSchemaVersion, openStore, storeSchemaVersion } from '../store/open-store';
import { storeOf } from '../store/of-context';
import { SigapError } from '../../../shared/errors';
import { createApi } from '../api/create-api';
import { dispatch } from '../api/dispatch';
import { sessionFor } from '../auth/session';
import { backupsScheduled, scheduleBackups } from '../backup/schedule';
import type { HostServices } from '../api/host';
import type { FromWorker, HostMethod, LogLevel, ToWorker, WorkerConfig } from './worker-protocol';

function send(m: FromWorker): void {
  parentPort!.postMessage(m);
}

/** Log lines go to main, which writes the log file (one writer, one rotation). */
function log(level: LogLevel, message: string, e?: unknown): void {
  const detail = e === undefined ? '' : `: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
  send({ type: 'log', level, message: `${message}${detail}` });
}

async function start(config: WorkerConfig): Promise<void> {
  const opened = await openStore(config.dbPath);
  const ctx = { ...opened.context, actor: 'app', clock: () => new Date() };
  let nextHostId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const ask = <T,>(method: HostMethod, args: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextHostId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      send({ type: 'host', id, method, args });
    });
  const host: HostServices = {
    appVersion: config.appVersion,
    backupDir: config.backupDir,
    chooseOpenFile: (o) => ask<string | null>('chooseOpenFile', o),
    chooseSaveFile: (o) => ask<string | null>('chooseSaveFile', o),
    chooseFolder: (o) => ask<string | null>('chooseFolder', o),
    printToPdf: (html, opts) => ask<Uint8Array>('printToPdf', { html, opts }),
    showPdf: (bytes, title) => ask<void>('showPdf', { bytes, title }),
    showInFolder: (path) => ask<void>('showInFolder', { path }),
    progress: (event) => send({ type: 'progress', event }),
  };
  const handlers = createApi(ctx, host);
  // Every call is checked here, in the core, against the signed-in user: the UI only hides buttons.
  const gate = sessionFor(ctx);
  // Daily backups run here, beside the one connection: after a restore they follow `ctx.db`.
  // None on a PostgreSQL server (backupsScheduled says why).
  const backups = config.backupDir && backupsScheduled(ctx) ? scheduleBackups(ctx, config.backupDir, { log: (msg, e) => log('error', `[backup] ${msg}`, e) }) : null;
  const running = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;
  const shutdown = async (): Promise<void> => {
    backups?.stop();
    // Calls already running (an import waiting on a dialog, a restore) finish first.
    await Promise.allSettled([...running]);
    let backup: string | null = null;
    let error: string | undefined;
    try {
      if (backups) backup = (await backups.onQuit()).path;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      log('error', '[backup] backup on quit failed', e);
    }
    try {
      // Through the store: a transaction still holding the connection ends before it closes.
      await storeOf(ctx).close();
    } catch (e) {
      error ??= e instanceof Error ? e.message : String(e);
    }
    send({ type: 'shutdownDone', backup, ...(error !== undefined ? { error } : {}) });
  };
  parentPort!.on('message', (m: ToWorker) => {
    if (m.type === 'shutdown') {
      closing ??= shutdown();
      return;
    }
    if (m.type === 'schemaVersion') {
      // -1: the database is closed (the app is quitting) or unreadable.
      void storeSchemaVersion(storeOf(ctx))
        .catch((e: unknown) => {
          log('warn', 'schema version unreadable', e);
          return -1;
        })
        .then((version) => send({ type: 'schemaVersion', id: m.id, version, latest: latestSchemaVersion(opened.engine) }));
      return;
    }
    if (m.type === 'hostReply') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error !== undefined) p?.reject(new SigapError('INTERNAL', m.error));
      else p?.resolve(m.value);
      return;
    }
    if (closing) {
      send({ type: 'reply', id: m.id, reply: { ok: false, error: { code: 'INTERNAL', message: 'Aplikasi sedang ditutup.' } } });
      return;
    }
    const call = dispatch(handlers, m.name, m.input, { gate, onInternalError: (name, e) => log('error', `call ${name} failed`, e) }).then((reply) => send({ type: 'reply', id: m.id, reply }));
    running.add(call);
    void call.finally(() => running.delete(call));
  });
  send({ type: 'ready' });
}

if (parentPort) {
  start(workerData as WorkerConfig).catch((e: unknown) => send({ type: 'fatal', message: (e as Error).message }));
}
