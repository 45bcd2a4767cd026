import { existsSync, statSync } from 'node:fs';
import { SigapError } from '../../shared/errors';

/**
 * Commands (and subcommands) that only read. Opening a database creates it when it is missing, so
 * without this a mistyped `--db` path answered "0 orang" from a new empty file instead of saying the
 * file is not there.
 */
const READ_ONLY: Record<string, true | readonly string[]> = {
  roster: true, rates: true, arrears: true, preflight: true, batches: true, batch: true, invoice: true,
  coverage: true, forecast: true,
  opd: ['list', 'alias list'], category: ['list'], npp: ['list'], 'sebab-na': ['list'], exception: ['list'], incident: ['list'], user: ['list'], backup: ['list'],
  settings: ['show'], sk: ['scan'], person: ['template'], profile: ['list', 'show', 'fields'],
};

function subcommand(rest: string[]): string {
  const words: string[] = [];
  for (const a of rest) {
    if (a.startsWith('-')) break;
    words.push(a);
    if (words.length === 2) break;
  }
  return words.join(' ');
}

export function readsOnly(name: string, rest: string[]): boolean {
  const ro = READ_ONLY[name];
  if (ro === undefined) return false;
  if (ro === true) return true;
  const sub = subcommand(rest);
  return ro.some((s) => sub === s || sub.startsWith(`${s} `));
}

/** Refuses, before anything is opened or created, a database a read-only command cannot read. */
export function checkDatabaseToRead(path: string, command: string): void {
  if (!existsSync(path)) {
    throw new SigapError('NOT_FOUND', `Basis data "${path}" tidak ada. Periksa --db (atau SIGAP_DB); perintah "${command}" hanya membaca dan tidak membuat basis data baru.`);
  }
  if (statSync(path).isDirectory()) {
    throw new SigapError('INVALID_INPUT', `"${path}" adalah folder, bukan berkas basis data Sigap. Sebutkan berkasnya, mis. --db ${path.replace(/[\\/]+$/, '')}/sigap.db.`);
  }
}
