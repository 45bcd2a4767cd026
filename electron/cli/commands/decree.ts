import { parseArgs } from 'node:util';
import { autoBackup, defaultBackupDir, PG_AUTO_BACKUP_SKIPPED } from '../../core/backup/auto';
import { attachScan, decreeIdByNumber, readScan, readScanFile } from '../../core/decree/scan-store';
import { planUndo } from '../../core/decree/undo-check';
import { undoDecree } from '../../core/decree/undo';
import { writeBytesOwnerOnly } from '../../core/files/parts';
import { SigapError } from '../../../shared/errors';
import { formatNumber } from '../../../shared/money';
import { printJson } from '../io';
import { openCli, type CliEnv } from '../context';
import { SK_USAGE } from '../usage';

const OPTIONS = {
  json: { type: 'boolean' }, db: { type: 'string' }, out: { type: 'string' }, reason: { type: 'string' }, check: { type: 'boolean' }, 'no-backup': { type: 'boolean' },
} as const;

const usage = (cx: CliEnv): number => {
  cx.io.err(`Penggunaan:\n  ${SK_USAGE}\n`);
  return 2;
};

/** `sigap sk attach|scan|undo`: the decree record's scan, and withdrawing an applied SK. */
export async function skCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'attach' && sub !== 'scan' && sub !== 'undo') return usage(cx);
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  const [number, file] = positionals;
  if (!number) throw new SigapError('INVALID_INPUT', `Sebutkan nomor SK seperti di halaman SK.\nPenggunaan:\n  ${SK_USAGE}`);
  const ctx = await openCli(values.db, cx);
  try {
    const decreeId = await decreeIdByNumber(ctx, number);
    if (sub === 'attach') {
      if (!file) throw new SigapError('INVALID_INPUT', `Sebutkan berkas pindaian SK (PDF, JPEG atau PNG).\nPenggunaan:\n  ${SK_USAGE}`);
      const meta = await attachScan(ctx, decreeId, readScanFile(file));
      if (values.json) printJson(cx.io, { scan: meta });
      else cx.io.out(`Pindaian SK ${meta.number} tersimpan: ${meta.originalName} (${meta.mediaType}, ${formatNumber(meta.size)} bita, SHA-256 ${meta.sha256}).\n`);
      return 0;
    }
    if (sub === 'scan') {
      if (!values.out) throw new SigapError('INVALID_INPUT', `Sebutkan berkas tujuan dengan --out BERKAS.\nPenggunaan:\n  ${SK_USAGE}`);
      const scan = await readScan(ctx, decreeId);
      writeBytesOwnerOnly(values.out, scan.bytes);
      if (values.json) printJson(cx.io, { path: values.out, mediaType: scan.mediaType, size: scan.size, sha256: scan.sha256 });
      else cx.io.out(`Pindaian SK ${scan.number} disimpan ke ${values.out} (${scan.mediaType}, SHA-256 ${scan.sha256}).\n`);
      return 0;
    }
    const plan = await planUndo(ctx, decreeId);
    if (values.check || plan.blockers.length > 0) {
      const check = { number: plan.decree.number, canUndo: plan.blockers.length === 0, blockers: plan.blockers.map((b) => b.message), notes: plan.notes, counts: plan.counts };
      if (values.json) printJson(cx.io, check);
      else if (check.canUndo) {
        const c = plan.counts;
        cx.io.out(`SK ${check.number} dapat dibatalkan: ${c.engagementsCreated} keterlibatan dihapus, ${c.engagementsEnded} dibuka kembali, ${c.personsCreated} orang dihapus, ${c.personsUpdated} orang dipulihkan datanya.\n`);
        for (const n of plan.notes) cx.io.out(`Catatan: ${n}\n`);
      } else cx.io.err(`Penerapan SK ${check.number} tidak dapat dibatalkan:\n${check.blockers.map((b) => `- ${b}`).join('\n')}\n`);
      return check.canUndo ? 0 : 1;
    }
    if (!values.reason) throw new SigapError('INVALID_INPUT', `Tuliskan alasannya dengan --reason "...".\nPenggunaan:\n  ${SK_USAGE}`);
    if (!values['no-backup']) {
      // The same kind of backup as before an SK is applied: the roster as it was, a restore away.
      const b = await autoBackup(ctx, defaultBackupDir(ctx.dbPath), 'sebelum-sk');
      cx.io.err(b ? `Cadangan sebelum pembatalan: ${b.path}\n` : `${PG_AUTO_BACKUP_SKIPPED}\n`);
    }
    const res = await undoDecree(ctx, decreeId, values.reason);
    if (values.json) printJson(cx.io, res);
    else {
      cx.io.out(
        `Penerapan SK ${res.number} dibatalkan: ${res.engagementsRemoved} keterlibatan dihapus, ${res.engagementsReopened} dibuka kembali, ` +
          `${res.personsRemoved} orang dihapus, ${res.personsRestored} orang dipulihkan datanya, ${res.unitsRemoved} unit dihapus.\n`,
      );
      for (const n of res.notes) cx.io.out(`Catatan: ${n}\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
