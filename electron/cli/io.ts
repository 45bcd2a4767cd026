/** Output helpers for the CLI: one JSON document on stdout, progress and messages on stderr. */
import { formatNumber } from '../../shared/money';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  isTty: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTty: Boolean(process.stderr.isTTY),
};

export function printJson(io: Io, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** CSV with a quote for every field that needs one, and a guard against formulas in spreadsheets. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A simple aligned text table; numbers right-aligned with the id-ID thousands dot (`22.442.400`). */
export function table(header: string[], rows: (string | number)[][]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : String(c ?? ''))));
  const w = header.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (r: string[], src?: (string | number)[]) => r.map((c, i) => (typeof src?.[i] === 'number' ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join('  ').trimEnd();
  return [line(header), w.map((x) => '-'.repeat(x)).join('  '), ...text.map((r, k) => line(r, rows[k]))].join('\n') + '\n';
}

/** Reports progress on stderr no more than twice a second, and only once work has run a second. */
export function progress(io: Io, label: string): (done: number, total?: number) => void {
  const start = Date.now();
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - start < 1000 || now - last < 500) return;
    last = now;
    io.err(`${label}: ${done.toLocaleString('id-ID')}${total ? ` / ${total.toLocaleString('id-ID')}` : ''}\n`);
  };
}
