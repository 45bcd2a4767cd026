/**
 * What every command's arguments go through before the command sees them: dates written the way the
 * app shows them (dd-mm-yyyy) become ISO, a month written backwards is refused with the right form,
 * and node:util parseArgs's English errors are put in Indonesian.
 */
import { SigapError } from '../../shared/errors';
import { isIsoDate } from '../../shared/dates';

/** Options that take a calendar date. */
const DATE_FLAGS = new Set(['--date', '--as-of', '--reported', '--tmt', '--tmt-end']);
/** Options that take a month. */
const MONTH_FLAGS = new Set(['--month']);

const DMY = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

/** `12-03-2026`, `12/3/2026` or `2026-03-12` as `2026-03-12`; anything else unchanged (the command says why). */
export function dateArg(v: string): string {
  const m = DMY.exec(v.trim());
  if (!m) return v;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  if (!isIsoDate(iso)) throw new SigapError('INVALID_INPUT', `Tanggal ${v} tidak sah (tidak ada di kalender); tulis hari-bulan-tahun, mis. 10-04-2026, atau 2026-04-10.`);
  return iso;
}

/** A month must be `YYYY-MM`; `03-2026` or `3/2026` is refused with the form to write. */
export function monthArg(v: string): string {
  const t = v.trim();
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(t)) return t;
  const back = /^(\d{1,2})[-/.](\d{4})$/.exec(t);
  if (back && Number(back[1]) >= 1 && Number(back[1]) <= 12) {
    throw new SigapError('INVALID_INPUT', `bulan ${v} tidak sah, tulis ${back[2]}-${back[1]!.padStart(2, '0')}`);
  }
  throw new SigapError('INVALID_INPUT', `bulan ${v} tidak sah, tulis tahun-bulan, mis. 2026-03`);
}

/** Rewrites date options to ISO and checks month options, in both `--flag v` and `--flag=v` forms. */
export function normalizeArgs(args: string[]): string[] {
  const out = [...args];
  for (let i = 0; i < out.length; i++) {
    const a = out[i]!;
    if (a === '--') break;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const fix = DATE_FLAGS.has(flag) ? dateArg : MONTH_FLAGS.has(flag) ? monthArg : null;
    if (!fix) continue;
    if (eq > 0 && a.startsWith('--')) out[i] = `${flag}=${fix(a.slice(eq + 1))}`;
    else if (i + 1 < out.length && !out[i + 1]!.startsWith('--')) {
      out[i + 1] = fix(out[i + 1]!);
      i++;
    }
  }
  return out;
}

/** node:util parseArgs's errors, said in Indonesian; null for any other error. */
export function parseArgsMessage(e: unknown, command: string): string | null {
  if (!(e instanceof TypeError)) return null;
  const code = (e as { code?: string }).code ?? '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return null;
  const quoted = /'([^']+)'/.exec(e.message)?.[1] ?? '';
  const option = quoted.split(' ')[0] ?? quoted;
  const help = `Lihat: sigap ${command} --help`;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Opsi "${option}" tidak dikenal untuk perintah "${command}". ${help}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(e.message)
        ? `Opsi "${option}" memerlukan nilai, mis. ${option} NILAI. ${help}`
        : `Opsi "${option}" tidak memakai nilai. ${help}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Argumen "${quoted}" tidak diharapkan oleh perintah "${command}". ${help}`;
    default:
      return `Argumen perintah "${command}" tidak sah. ${help}`;
  }
}

/**
 * The lines of the general usage that are about one command, for `sigap COMMAND --help`: each line
 * that starts `sigap COMMAND` with the indented lines that continue it.
 */
export function commandUsage(usage: string, command: string): string {
  const out: string[] = [];
  let inside = false;
  for (const line of usage.split('\n')) {
    const t = line.trim();
    if (t.startsWith('sigap ')) inside = t === `sigap ${command}` || t.startsWith(`sigap ${command} `);
    else if (t === '') inside = false;
    if (inside) out.push(t.startsWith('sigap ') ? `  ${t}` : line);
  }
  return out.length > 0 ? `Penggunaan:\n${out.join('\n')}\n\nSetiap perintah menerima --db PATH (atau variabel lingkungan SIGAP_DB).\n` : usage;
}
