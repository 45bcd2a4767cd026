import { parseArgs } from 'node:util';
import { autoBackup, defaultBackupDir, PG_AUTO_BACKUP_SKIPPED } from '../../core/backup/auto';
import { mkdirSync } from 'node:fs';
import type { CoreContext } from '../../core/context';
import { SigapError } from '../../../shared/errors';
import { COMPLETION_LABELS } from '../../../shared/completion-columns';
import { unitsWithPeople, writeCompletionWorkbooks } from '../../core/roster/completion-workbook';
import { unitIdByCodeOrName } from '../../core/roster/units';
import { applyCompletion, previewCompletion, type CompletionPreview } from '../../core/roster/completion-import';
import { printJson, progress } from '../io';
import { openCli, type CliEnv } from '../context';
import { PERSON_USAGE } from '../usage';

const OPTIONS = {
  opd: { type: 'string', multiple: true }, all: { type: 'boolean' }, out: { type: 'string' },
  apply: { type: 'boolean' }, 'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' }, 'no-backup': { type: 'boolean' },
} as const;

const refuse = (message: string): never => {
  throw new SigapError('INVALID_INPUT', `${message}\nPenggunaan:\n  ${PERSON_USAGE}`);
};

/** `--opd` by code (exact) or by a part of the name; each must name exactly one unit. */
async function unitIds(ctx: CoreContext, names: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const n of names.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean)) out.push(await unitIdByCodeOrName(ctx, n));
  return out;
}

const show = (v: string | null) => (v === null ? '(kosong)' : `"${v}"`);

function printPreview(cx: CliEnv, pv: CompletionPreview): void {
  const o = (s: string) => cx.io.out(`${s}\n`);
  o(`Berkas ${pv.file}: ${pv.rowsRead.toLocaleString('id-ID')} baris ber-NIK; ${pv.matched.toLocaleString('id-ID')} pegawai dikenali.`);
  o(`Akan diubah: ${pv.people.length.toLocaleString('id-ID')} pegawai, ${pv.fieldsChanged.toLocaleString('id-ID')} isian; ${pv.unchanged.toLocaleString('id-ID')} pegawai tanpa perubahan.`);
  for (const p of pv.people) {
    o(`  ${p.nik} ${p.name} (sheet "${p.sheet}" baris ${p.row})`);
    for (const c of p.changes) o(`    ${COMPLETION_LABELS[c.field]}: ${show(c.old)} -> ${show(c.new)}`);
  }
  if (pv.unknown.length > 0) {
    o(`NIK tidak terdaftar di Sigap (${pv.unknown.length}), dilewati:`);
    for (const u of pv.unknown) o(`  ${u.nik}${u.name ? ` ${u.name}` : ''} (sheet "${u.sheet}" baris ${u.row})`);
  }
  if (pv.conflicts.length > 0) {
    o(`Isian bertentangan (${pv.conflicts.length}), tidak diubah:`);
    for (const c of pv.conflicts) o(`  ${c.nik} ${c.name}, ${COMPLETION_LABELS[c.field]}: ${c.values.map((v) => `${show(v.value)} (baris ${v.row})`).join(' / ')}`);
  }
  if (pv.problems.length > 0) {
    o(`Masalah (${pv.problems.length}):`);
    for (const p of pv.problems) o(`  ${p.severity === 'error' ? 'GALAT' : 'Peringatan'}: ${p.message}`);
  }
}

/** `sigap person template|import`: "Lengkapi data pegawai" from the command line. */
export async function personCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'template' && sub !== 'import') return refuse('Sebutkan template atau import.');
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  if (sub === 'template') {
    if (!values.out) refuse('Sebutkan folder tujuan dengan --out FOLDER.');
    if (!values.all && !values.opd?.length) refuse('Sebutkan unit dengan --opd KODE (boleh berulang), atau --all.');
  } else if (!positionals[0]) refuse('Sebutkan berkas isian (.xlsx, .xls, .ods atau .csv).');
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'template') {
      const ids = values.all ? await unitsWithPeople(ctx) : await unitIds(ctx, values.opd ?? []);
      if (ids.length === 0) throw new SigapError('NOT_FOUND', 'Belum ada unit kerja dengan pegawai aktif.');
      mkdirSync(values.out!, { recursive: true });
      const files = await writeCompletionWorkbooks(ctx, ids, values.out!);
      if (values.json) printJson(cx.io, { folder: values.out, files });
      else {
        for (const f of files) cx.io.out(`${f.path}: ${f.unit} (${f.code}), ${f.rows.toLocaleString('id-ID')} pegawai\n`);
        cx.io.out(`${files.length} berkas ditulis. Kirim ke bendahara OPD; berkas yang sudah diisi dibaca dengan: sigap person import BERKAS\n`);
      }
      return 0;
    }
    const pv = await previewCompletion(ctx, positionals[0]!, { onProgress: progress(cx.io, 'Membaca berkas') });
    // As in the app: a backup first, so many people's changed data is one restore away. Only when there is
    // something to apply and the file's errors will not refuse it anyway.
    if (values.apply && !values['no-backup'] && pv.people.length > 0 && (pv.errors === 0 || values['skip-invalid'])) {
      const b = await autoBackup(ctx, defaultBackupDir(ctx.dbPath), 'otomatis');
      cx.io.err(b ? `Cadangan sebelum menerapkan: ${b.path}\n` : `${PG_AUTO_BACKUP_SKIPPED}\n`);
    }
    const applied = values.apply ? await applyCompletion(ctx, pv, { skipInvalid: values['skip-invalid'] ?? false }) : null;
    if (values.json) {
      const { niks: _n, fingerprint: _f, ...preview } = pv;
      printJson(cx.io, { preview, applied });
      return 0;
    }
    printPreview(cx, pv);
    if (applied) cx.io.out(`Diterapkan: ${applied.persons.toLocaleString('id-ID')} pegawai, ${applied.fields.toLocaleString('id-ID')} isian. Setiap perubahan tercatat di jejak audit.\n`);
    else cx.io.out(`Belum ada yang diubah. Jalankan lagi dengan --apply untuk menerapkan${pv.errors > 0 ? ' (dengan --skip-invalid bila sel yang salah dilewati saja)' : ''}.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}
