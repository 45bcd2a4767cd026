import type { ProgressEvent, Reply } from '../../../shared/contract/index';

/** The host services the worker asks main for (native dialogs). */
export type HostMethod = 'chooseOpenFile' | 'chooseSaveFile' | 'chooseFolder' | 'printToPdf' | 'showPdf' | 'showInFolder';

/** Messages between the main process and the core worker that owns the database. */
export type ToWorker =
  | { type: 'call'; id: number; name: string; input: unknown }
  | { type: 'hostReply'; id: number; value: unknown; error?: string }
  /** The app is quitting: finish running calls, make the backup on quit, close the database, answer. */
  | { type: 'shutdown' }
  /** For "Tentang Sigap": the open database's user_version. */
  | { type: 'schemaVersion'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'host'; id: number; method: HostMethod; args: unknown }
  /** The answer to `shutdown`: the backup made on quit (null: none, with `error` when it failed); the database is closed. */
  | { type: 'shutdownDone'; backup: string | null; error?: string }
  /** A line for main's log file (the worker has no logger of its own). */
  | { type: 'log'; level: LogLevel; message: string }
  | { type: 'schemaVersion'; id: number; version: number; latest: number };

export type LogLevel = 'info' | 'warn' | 'error';

export interface WorkerConfig {
  dbPath: string;
  backupDir: string | null;
  appVersion: string;
}
