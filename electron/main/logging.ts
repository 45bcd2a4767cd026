import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, parse } from 'node:path';

/** One log file is at most 1 MB; the 3 before it are kept (main.1.log, the newest, to main.3.log). */
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEEP = 3;

export function logDir(userData: string): string {
  return join(userData, 'logs');
}

/** Shifts main.log to main.1.log, main.1.log to main.2.log...; the oldest beyond `keep` is removed. */
export function rotateLogFiles(file: string, keep = LOG_KEEP): void {
  const { dir, name, ext } = parse(file);
  const nth = (n: number) => join(dir, `${name}.${n}${ext}`);
  rmSync(nth(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) if (existsSync(nth(n))) renameSync(nth(n), nth(n + 1));
  renameSync(file, nth(1));
}

/** The part of electron-log's file transport Sigap sets. */
export interface FileTransport {
  resolvePathFn: (vars: never) => string;
  maxSize: number;
  archiveLogFn: (file: { toString(): string; crop?(n: number): void }) => void;
  level: string | false;
}

/** Sends the log to `<user data>/logs/main.log`, rotated at 1 MB with 3 older files kept. */
export function configureFileLog(file: FileTransport, userData: string): string {
  const path = join(logDir(userData), 'main.log');
  file.resolvePathFn = () => path;
  file.maxSize = LOG_MAX_BYTES;
  file.level = 'info';
  file.archiveLogFn = (old) => {
    try {
      rotateLogFiles(old.toString());
    } catch {
      // A file held open by another program (an editor on Windows): keep the newest part instead.
      old.crop?.(256 * 1024);
    }
  };
  return path;
}
