import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ProgressEvent, Reply } from '../../../shared/contract/index';
import type { FromWorker, LogLevel, ToWorker, WorkerConfig } from './worker-protocol';

export interface WorkerHost {
  chooseOpenFile(args: unknown): Promise<string | null>;
  chooseSaveFile(args: unknown): Promise<string | null>;
  /** Optional: a host without it answers "cancelled". */
  chooseFolder?(args: unknown): Promise<string | null>;
  /** Prints `{ html, opts }` to PDF bytes (see HostServices.printToPdf). Optional: a host without it fails the call. */
  printToPdf?(args: unknown): Promise<Uint8Array>;
  /** Shows `{ bytes, title }`, a PDF, in the sandboxed viewer window. Optional: without it the call fails. */
  showPdf?(args: unknown): Promise<void>;
  /** Shows `{ path }`, a file the core wrote, in the file manager ("Buka folder"). Optional: without it the call fails. */
  showInFolder?(args: unknown): Promise<void>;
  progress(e: ProgressEvent): void;
  /**
   * The worker's log lines, and its own error or unexpected exit (level 'error'). Optional: without it
   * they go to stderr.
   */
  log?(level: LogLevel, message: string): void;
}

/** The main process's side of the core worker: calls go in, replies, progress and dialog requests come out. */
/** How the core worker's shutdown ended: its backup on quit, or why there is none. */
export type ShutdownResult = { ok: true; backup: string | null } | { ok: false; reason: 'timeout' | 'failed' | 'exited'; message: string };

export class CoreWorkerClient {
  private readonly worker: Worker;
  private exited = false;
  /** terminate() was called: the exit that follows is expected. */
  private ending = false;
  private shuttingDown: Promise<ShutdownResult> | null = null;
  private onShutdownDone: ((m: Extract<FromWorker, { type: 'shutdownDone' }>) => void) | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply<unknown>) => void>();
  private readonly schemaAsks = new Map<number, (v: { version: number; latest: number }) => void>();
  readonly ready: Promise<void>;

  constructor(script: string | URL, config: WorkerConfig, host: WorkerHost, options: WorkerOptions = {}) {
    this.worker = new Worker(script, { ...options, workerData: config });
    const log = (level: LogLevel, message: string) => (host.log ? host.log(level, message) : console.error(`[core] ${message}`));
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: FromWorker) => {
        switch (m.type) {
          case 'ready':
            resolve();
            break;
          case 'fatal':
            reject(new Error(m.message));
            break;
          case 'reply':
            this.waiting.get(m.id)?.(m.reply);
            this.waiting.delete(m.id);
            break;
          case 'progress':
            host.progress(m.event);
            break;
          case 'shutdownDone':
            this.onShutdownDone?.(m);
            break;
          case 'log':
            log(m.level, m.message);
            break;
          case 'schemaVersion':
            this.schemaAsks.get(m.id)?.({ version: m.version, latest: m.latest });
            this.schemaAsks.delete(m.id);
            break;
          case 'host': {
            const ask: Promise<unknown> =
              m.method === 'chooseOpenFile' ? host.chooseOpenFile(m.args)
              : m.method === 'chooseSaveFile' ? host.chooseSaveFile(m.args)
              : m.method === 'chooseFolder' ? (host.chooseFolder?.(m.args) ?? Promise.resolve(null))
              : m.method === 'showPdf' ? (host.showPdf?.(m.args) ?? Promise.reject(new Error('Penampil PDF tidak tersedia.')))
              : m.method === 'showInFolder' ? (host.showInFolder?.(m.args) ?? Promise.reject(new Error('Membuka folder tidak tersedia.')))
              : host.printToPdf ? host.printToPdf(m.args)
              : Promise.reject(new Error('Pencetakan PDF tidak tersedia.'));
            void ask.then(
              (value) => this.post({ type: 'hostReply', id: m.id, value }),
              (e: unknown) => this.post({ type: 'hostReply', id: m.id, value: null, error: e instanceof Error ? e.message : String(e) }),
            );
            break;
          }
        }
      });
      this.worker.on('error', reject);
    });
    this.worker.on('error', (e) => log('error', `core worker error: ${e.stack ?? e.message}`));
    this.worker.on('exit', (code) => {
      // A worker that stops by itself is a crash; one ended by shutdown() or terminate() is not.
      if (!this.shuttingDown && !this.ending) log('error', `core worker exited (code ${code})`);
      this.exited = true;
      for (const done of this.schemaAsks.values()) done({ version: -1, latest: -1 });
      this.schemaAsks.clear();
      this.onShutdownDone?.({ type: 'shutdownDone', backup: null, error: 'exited' });
      for (const done of this.waiting.values()) done({ ok: false, error: { code: 'INTERNAL', message: 'Proses inti berhenti. Mulai ulang aplikasi.' } });
      this.waiting.clear();
    });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  call(name: string, input: unknown): Promise<Reply<unknown>> {
    return new Promise((resolve) => {
      if (this.exited || this.shuttingDown) {
        resolve({ ok: false, error: { code: 'INTERNAL', message: 'Aplikasi sedang ditutup.' } });
        return;
      }
      const id = this.nextId++;
      this.waiting.set(id, resolve);
      this.post({ type: 'call', id, name, input });
    });
  }

  /** The open database's user_version and the newest migration this build has (-1: the core has stopped). */
  schemaVersion(): Promise<{ version: number; latest: number }> {
    return new Promise((resolve) => {
      if (this.exited) return resolve({ version: -1, latest: -1 });
      const id = this.nextId++;
      this.schemaAsks.set(id, resolve);
      this.post({ type: 'schemaVersion', id });
    });
  }

  /**
   * Asks the worker to make the backup on quit and close the database, waits for its answer at most
   * `timeoutMs`, then ends the worker. Safe to call twice (the second call gets the same answer).
   */
  shutdown(timeoutMs = 20_000): Promise<ShutdownResult> {
    this.shuttingDown ??= (async () => {
      if (this.exited) return { ok: false, reason: 'exited', message: 'Proses inti sudah berhenti.' } as const;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answered = new Promise<ShutdownResult>((resolve) => {
        this.onShutdownDone = (m) =>
          resolve(
            m.error === 'exited' && m.backup === null && this.exited
              ? { ok: false, reason: 'exited', message: 'Proses inti berhenti sebelum selesai.' }
              : m.error !== undefined
                ? { ok: false, reason: 'failed', message: m.error }
                : { ok: true, backup: m.backup },
          );
        timer = setTimeout(() => resolve({ ok: false, reason: 'timeout', message: `Proses inti tidak menjawab dalam ${timeoutMs / 1000} detik.` }), timeoutMs);
      });
      this.post({ type: 'shutdown' });
      const r = await answered;
      clearTimeout(timer);
      this.onShutdownDone = null;
      await this.worker.terminate();
      return r;
    })();
    return this.shuttingDown;
  }

  terminate(): Promise<number> {
    this.ending = true;
    return this.worker.terminate();
  }
}
