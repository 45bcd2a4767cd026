import { parseArgs } from 'node:util';
import { SigapError } from '../../../shared/errors';
import { listNaReasons, saveNaReason, type NaReasonKind } from '../../core/bpjs/index';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { NA_REASON_USAGE } from '../usage';

const OPTIONS = { json: { type: 'boolean' }, db: { type: 'string' }, sumber: { type: 'string' }, catatan: { type: 'string' } } as const;

/** The kinds as typed on the command line, in Indonesian. */
const KIND_WORDS: Record<string, NaReasonKind> = {
  'mengundurkan-diri': 'resign', pensiun: 'retirement', phk: 'dismissal', 'habis-kontrak': 'contract_end',
};
const WORD_OF = Object.fromEntries(Object.entries(KIND_WORDS).map(([w, k]) => [k, w])) as Record<NaReasonKind, string>;

/**
 * `sigap sebab-na list | set JENIS KODE [--sumber TEKS] [--catatan TEKS]`: the SEBAB_NA code the
 * deactivation file writes per kind of end reason (bpjs/na-reasons.ts, migration 0200), audited.
 */
export async function naReasonCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'set') {
    cx.io.err(`Penggunaan:\n  ${NA_REASON_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: sub === 'set' });
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'set') {
      const [word, code] = positionals;
      const reason = KIND_WORDS[(word ?? '').toLowerCase()];
      if (!reason || code === undefined) {
        throw new SigapError('INVALID_INPUT', `Tulis jenis (${Object.keys(KIND_WORDS).join(', ')}) dan kodenya, mis. sigap sebab-na set habis-kontrak A3.\nPenggunaan:\n  ${NA_REASON_USAGE}`);
      }
      const r = await saveNaReason(ctx, { reason, code, ...(values.sumber !== undefined ? { source: values.sumber } : {}), ...(values.catatan !== undefined ? { note: values.catatan } : {}) });
      if (values.json) printJson(cx.io, { reason: r });
      else cx.io.out(`Kode SEBAB_NA "${r.label}": ${r.code} (sumber: ${r.source}).\n`);
      return 0;
    }
    const rows = await listNaReasons(ctx);
    if (values.json) printJson(cx.io, { reasons: rows });
    else cx.io.out(table(['Jenis', 'Alasan berakhir', 'Kode', 'Keyakinan', 'Sumber'], rows.map((r) => [WORD_OF[r.reason], r.label, r.code, r.confidence, r.source])));
    return 0;
  } finally {
    await ctx.close();
  }
}
