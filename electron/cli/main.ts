import { faultToSigapError } from '../core/db/errors';
import { processIo } from './io';
import { checkDatabaseToRead } from './db-guard';
import { commandUsage, normalizeArgs, parseArgsMessage } from './args';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { userDataDir } from '../core/paths';
import type { CliEnv } from './context';
import { importSkCommand, IMPORT_SK_USAGE } from './commands/import-sk';
import { rosterCommand } from './commands/roster';
import { opdCommand, categoryCommand, CATEGORY_USAGE, OPD_USAGE } from './commands/units';
import { demoCommand } from './commands/demo';
import { backupCommand } from './commands/backup';
import { userCommand } from './commands/user';
import { batchCommand, batchesCommand, BPJS_USAGE, exportCommand, importKpjCommand, preflightCommand, profileCommand, reconcileCommand } from './commands/bpjs';
import { arrearsCommand, billCommand, BILLING_USAGE, invoiceCommand, payCommand, ratesCommand } from './commands/billing';
import { coverageCommand, COVERAGE_USAGE, forecastCommand, incidentCommand } from './commands/coverage';

export const USAGE = `Sigap: daftar pegawai non-ASN, iuran dan pelaporan BPJS Ketenagakerjaan

Penggunaan:
  ${IMPORT_SK_USAGE}
  sigap roster [--month YYYY-MM] [--opd NAME] [--search TEXT] [--status active|ended|all] [--json | --csv]
  ${OPD_USAGE}
  ${CATEGORY_USAGE}
  sigap template sk --out FILE.xlsx [--pemda "Pemerintah Kabupaten ..."] [--db PATH]
  sigap settings show [--json] | set KUNCI=NILAI ...   (profil Pemda, NPP, penandatangan, cakupan, kunci sesi)
  sigap demo --persons N [--year YYYY] [--seed N]
  sigap backup create|list|check|restore|prune [--to DIR] [--passphrase-env VAR] [--yes]
  sigap user list | add USERNAME --role ROLE --password-env VAR | reset-password USERNAME
  ${BPJS_USAGE}
  ${BILLING_USAGE}
  ${COVERAGE_USAGE}

Setiap perintah menerima --db PATH (atau variabel lingkungan SIGAP_DB).
`;

type Command = (args: string[], cx: CliEnv) => Promise<number>;
export const COMMANDS: Record<string, Command> = {
  'import-sk': importSkCommand,
  template: (args, cx) => import('./commands/template').then((m) => m.templateCommand(args, cx)),
  roster: rosterCommand,
  settings: (args, cx) => import('./commands/settings').then((m) => m.settingsCommand(args, cx)),
  opd: opdCommand,
  category: categoryCommand,
  demo: demoCommand,
  backup: backupCommand,
  user: userCommand,
  export: exportCommand,
  preflight: preflightCommand,
  batches: batchesCommand,
  batch: batchCommand,
  'import-kpj': importKpjCommand,
  reconcile: reconcileCommand,
  profile: profileCommand,
  bill: billCommand,
  pay: payCommand,
  arrears: arrearsCommand,
  rates: ratesCommand,
  invoice: invoiceCommand,
  coverage: coverageCommand,
  forecast: forecastCommand,
  incident: incidentCommand,
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
    checkDatabaseToRead(name, args, cx.env);
    return await cmd(args, cx);
  } catch (e) {
    // A SigapError, or a machine fault (locked database, full disk, read-only file) put in its words.
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
