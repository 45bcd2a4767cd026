import type { ProgressEvent, Reply } from '../../../shared/contract/index';

/** The host services the worker asks main for (native dialogs). */
export type HostMethod = 'chooseOpenFile' | 'chooseSaveFile' | 'chooseFolder' | 'printToPdf';

/** Messages between the main process and the core worker that owns the database. */
export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'hostReply'; id: number; value: unknown; error?: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'host'; id: number; method: HostMethod; args: unknown };

export interface WorkerConfig {
  dbPath: string;
  backupDir: string | null;
  appVersion: string;
}
