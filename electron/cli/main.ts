import { faultToSigapError } from '../core/db/errors';
import { processIo } from './io';
import { readsOnly } from './db-guard';
import { commandUsage, normalizeArgs, parseArgsMessage } from './args';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userDataDir } from '../core/paths';
import type { CliEnv } from './context';
import { USAGE } from './usage';

export { USAGE };


type Command = (args: string[], cx: CliEnv) => Promise<number>;
/**
 * Each command's module is loaded when the command runs, so `sigap --help` and a short command do not
 * pay for the spreadsheet and PDF libraries of the others.
 */
function lazy<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M & string): Command {
  return async (args, cx) => ((await load())[name] as Command)(args, cx);
}

export const COMMANDS: Record<string, Command> = {
  'import-sk': lazy(() => import('./commands/import-sk'), 'importSkCommand'),
  template: lazy(() => import('./commands/template'), 'templateCommand'),
  sk: lazy(() => import('./commands/decree'), 'skCommand'),
  roster: lazy(() => import('./commands/roster'), 'rosterCommand'),
  person: lazy(() => import('./commands/person'), 'personCommand'),
  exception: lazy(() => import('./commands/person-exception'), 'exceptionCommand'),
  settings: lazy(() => import('./commands/settings'), 'settingsCommand'),
  opd: lazy(() => import('./commands/units'), 'opdCommand'),
  category: lazy(() => import('./commands/units'), 'categoryCommand'),
  npp: lazy(() => import('./commands/npp'), 'nppCommand'),
  'sebab-na': lazy(() => import('./commands/na-reasons'), 'naReasonCommand'),
  demo: lazy(() => import('./commands/demo'), 'demoCommand'),
  backup: lazy(() => import('./commands/backup'), 'backupCommand'),
  db: lazy(() => import('./commands/db'), 'dbCommand'),
  user: lazy(() => import('./commands/user'), 'userCommand'),
  export: lazy(() => import('./commands/bpjs'), 'exportCommand'),
  preflight: lazy(() => import('./commands/bpjs'), 'preflightCommand'),
  batches: lazy(() => import('./commands/bpjs'), 'batchesCommand'),
  batch: lazy(() => import('./commands/bpjs'), 'batchCommand'),
  'import-kpj': lazy(() => import('./commands/bpjs'), 'importKpjCommand'),
  reconcile: lazy(() => import('./commands/bpjs'), 'reconcileCommand'),
  profile: lazy(() => import('./commands/bpjs'), 'profileCommand'),
  bill: lazy(() => import('./commands/billing'), 'billCommand'),
  pay: lazy(() => import('./commands/billing'), 'payCommand'),
  arrears: lazy(() => import('./commands/billing'), 'arrearsCommand'),
  rates: lazy(() => import('./commands/billing'), 'ratesCommand'),
  invoice: lazy(() => import('./commands/billing'), 'invoiceCommand'),
  coverage: lazy(() => import('./commands/coverage'), 'coverageCommand'),
  forecast: lazy(() => import('./commands/coverage'), 'forecastCommand'),
  incident: lazy(() => import('./commands/coverage'), 'incidentCommand'),
  'bpjs-payment': lazy(() => import('./commands/bpjs-payment'), 'bpjsPaymentCommand'),
  serve: lazy(() => import('./commands/serve'), 'serveCommand'),
};

export async function main(argv: string[], cx: CliEnv = { io: processIo, env: process.env, clock: () => new Date() }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    cx.io.out(USAGE);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    cx.io.err(`Perintah "${name}" tidak dikenal.\n\n${USAGE}`);
    return 2;
  }
  if (name !== 'settings' && (rest.includes('--help') || rest.includes('-h'))) {
    cx.io.out(commandUsage(USAGE, name));
    return 0;
  }
  try {
    const args = normalizeArgs(rest);
    // The command checks its own arguments first; opening then refuses a missing database if it only reads.
    return await cmd(args, readsOnly(name, args) ? { ...cx, readOnly: name } : cx);
  } catch (e) {
    // A SigapError, or a machine fault (locked database, full disk, read-only file, a PostgreSQL
    // connection lost mid-command) put in its words.
    const known = faultToSigapError(e);
    if (known) {
      cx.io.err(`Galat (${known.code}): ${known.message}\n`);
      return known.code === 'INVALID_INPUT' ? 2 : 1;
    }
    const usage = parseArgsMessage(e, name);
    if (usage) {
      cx.io.err(`${usage}\n`);
      return 2;
    }
    // Anything else is a defect of Sigap's: the clerk gets a sentence and where the details went,
    // never a stack trace.
    cx.io.err(`Galat tak terduga pada perintah "${name}": ${unexpected(e, cx.env)}\n`);
    return 1;
  }
}

/** Writes an unexpected error's details to the CLI log and says where; SIGAP_DEBUG=1 prints them. */
function unexpected(e: unknown, env: NodeJS.ProcessEnv): string {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const message = e instanceof Error ? e.message.split('\n')[0]! : String(e);
  if (env.SIGAP_DEBUG === '1') return `${message}\n${detail}`;
  try {
    const dir = join(userDataDir(process.platform, env), 'logs');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'sigap-cli.log');
    appendFileSync(file, `${new Date().toISOString()} ${detail}\n`, { mode: 0o600 });
    return `${message}. Rincian dicatat di ${file}; sampaikan berkas itu kepada pengelola Sigap.`;
  } catch {
    return `${message}. Jalankan lagi dengan SIGAP_DEBUG=1 untuk rinciannya.`;
  }
}
