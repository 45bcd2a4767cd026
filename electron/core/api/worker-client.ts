import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { ProgressEvent, Reply } from '../../../shared/contract/index';
import type { FromWorker, ToWorker, WorkerConfig } from './worker-protocol';

export interface WorkerHost {
  chooseOpenFile(args: unknown): Promise<string | null>;
  chooseSaveFile(args: unknown): Promise<string | null>;
  /** Optional: a host without it answers "cancelled". */
  chooseFolder?(args: unknown): Promise<string | null>;
  /** Prints `{ html, opts }` to PDF bytes (see HostServices.printToPdf). Optional: a host without it fails the call. */
  printToPdf?(args: unknown): Promise<Uint8Array>;
  progress(e: ProgressEvent): void;
}

/** The main process's side of the core worker: calls go in, replies, progress and dialog requests come out. */
export class CoreWorkerClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<number, (r: Reply<unknown>) => void>();
  readonly ready: Promise<void>;

  constructor(script: string | URL, config: WorkerConfig, host: WorkerHost, options: WorkerOptions = {}) {
    this.worker = new Worker(script, { ...options, workerData: config });
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
          case 'host': {
            const ask: Promise<unknown> =
              m.method === 'chooseOpenFile' ? host.chooseOpenFile(m.args)
              : m.method === 'chooseSaveFile' ? host.chooseSaveFile(m.args)
              : m.method === 'chooseFolder' ? (host.chooseFolder?.(m.args) ?? Promise.resolve(null))
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
    this.worker.on('exit', () => {
      for (const done of this.waiting.values()) done({ ok: false, error: { code: 'INTERNAL', message: 'Proses inti berhenti. Mulai ulang aplikasi.' } });
      this.waiting.clear();
    });
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  call(name: string, input: unknown): Promise<Reply<unknown>> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.waiting.set(id, resolve);
      this.post({ type: 'call', id, name, input });
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}
