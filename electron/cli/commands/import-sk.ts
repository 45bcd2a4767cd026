import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { previewSk, applyImport } from '../../core/skimport/index';
import { previewView } from '../../core/skimport/preview-view';
import type { Preview } from '../../core/skimport/index';
import { printJson, progress, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { formatRupiah } from '../../../shared/money';
import { autoBackup, defaultBackupDir, PG_AUTO_BACKUP_SKIPPED } from '../../core/backup/auto';
import { UNIT_OPTIONS, unitBlock, unitDecisionsFromFlags, unitLines } from './import-sk-units';
import { IMPORT_SK_USAGE } from '../usage';
import { unitKey } from '../../../shared/person-fields';

/** How to give on the command line what the wizard asks for in a box (the core's messages name the box). */
const CLI_HINTS: Record<string, string> = {
  DECREE_NUMBER_MISSING: 'Di baris perintah: --number NOMOR (mis. --number B/123/KPTS/III.05/2026).',
  TMT_MISSING: 'Di baris perintah: --tmt YYYY-MM-DD.',
  DECREE_DATE_INVALID: 'Di baris perintah: --date YYYY-MM-DD.',
  CATEGORY_UNKNOWN: 'Di baris perintah: --category NAMA (lihat sigap category list).',
};

/**
 * Without --replace or --amend, an SK that would end anyone stops: ending people is what the clerk must
 * mean, as in the wizard where the kind of SK is chosen before applying.
 */
function modeBlock(pv: Preview, chosen: boolean): { code: string; message: string } | null {
  const removed = pv.diff.removed.length;
  if (chosen || removed === 0) return null;
  return {
    code: 'MODE_NOT_CHOSEN',
    message: `SK ini akan mengakhiri ${removed} orang yang sekarang aktif di kategori ${pv.decree?.category.name ?? ''} tetapi tidak tercantum di berkas. ` +
      'Pilih jenisnya: --replace bila SK memuat seluruh pegawai kategorinya (yang tidak tercantum diakhiri sehari sebelum TMT), ' +
      'atau --amend bila SK perubahan (hanya menambah atau mengubah yang tercantum; yang lain tetap).',
  };
}

function problemJson(p: Preview['rejected'][number]) {
  return { sheet: p.sheet, row: p.row, column: p.column, columnName: p.columnName, code: p.code, message: p.message, ...(p.nik ? { nik: p.nik } : {}), ...(p.name ? { name: p.name } : {}) };
}

/** `--json`: the preview's one mapping (previewView), whole lists, in the CLI's documented field set. */
export function previewJson(pv: Preview, applied: boolean, extra: Record<string, unknown> = {}) {
  const v = previewView(pv);
  const d = v.decree;
  return {
    file: v.file,
    sha256: v.sha256,
    applied,
    decree: d ? { number: d.number, date: d.date, subject: d.subject, tmtStart: d.tmtStart, tmtEnd: d.tmtEnd, category: d.category, mode: d.mode, signatory: pv.decree!.signatory } : null,
    blocking: v.blocking.map((b) => (CLI_HINTS[b.code] ? { ...b, hint: CLI_HINTS[b.code] } : b)),
    sheets: v.sheets.map((s) => ({ sheet: s.sheet, headerRows: s.headerRows, columns: s.columns, unitSource: s.unitSource, dataRows: s.dataRows })),
    accepted: v.accepted,
    rejected: v.rejected.map(problemJson),
    warnings: v.warnings.map(problemJson),
    newUnits: v.newUnits,
    units: v.units,
    diff: v.diff,
    ...extra,
  };
}

export async function importSkCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      number: { type: 'string' }, date: { type: 'string' }, tmt: { type: 'string' }, 'tmt-end': { type: 'string' },
      category: { type: 'string' }, opd: { type: 'string' }, amend: { type: 'boolean' }, replace: { type: 'boolean' }, 'dry-run': { type: 'boolean' },
      'skip-invalid': { type: 'boolean' }, json: { type: 'boolean' }, db: { type: 'string' }, 'no-backup': { type: 'boolean' },
      ...UNIT_OPTIONS,
    },
  });
  const file = positionals[0];
  if (!file) {
    cx.io.err(`Berkas SK belum disebut.\n${IMPORT_SK_USAGE}\n`);
    return 2;
  }
  if (values.amend && values.replace) {
    cx.io.err(`Pilih salah satu: --replace (SK pengganti seluruh kategori) atau --amend (SK perubahan), tidak keduanya.\n${IMPORT_SK_USAGE}\n`);
    return 2;
  }
  const ctx = await openCli(values.db, cx);
  try {
    const units = await unitDecisionsFromFlags(ctx, values);
    const pv = await previewSk(ctx, {
      path: file,
      label: basename(file),
      ...(values.number ? { number: values.number } : {}),
      ...(values.date ? { date: values.date } : {}),
      ...(values.tmt ? { tmt: values.tmt } : {}),
      ...(values['tmt-end'] ? { tmtEnd: values['tmt-end'] } : {}),
      ...(values.category ? { category: values.category } : {}),
      ...(values.opd ? { defaultUnit: values.opd } : {}),
      mode: values.amend ? 'amend' : 'replace',
      onReadProgress: progress(cx.io, 'Membaca baris'),
    });
    const unchosen = modeBlock(pv, Boolean(values.replace || values.amend));
    if (unchosen) pv.blocking.push(unchosen);
    // A mapping for a name the file does not have is most likely a typing slip: say so.
    const read = new Set(pv.units.map((u) => unitKey(u.read)));
    for (const name of Object.keys(units.decisions.units ?? {})) {
      if (!read.has(unitKey(name))) cx.io.err(`Perhatian: --map-unit "${name}=..." tidak cocok dengan nama unit mana pun di berkas; periksa ejaannya (lihat "units" di --json).\n`);
    }
    const undecided = unitBlock(pv, units.decisions);
    if (undecided) pv.blocking.push(undecided);
    const canApply = pv.blocking.length === 0 && pv.accepted > 0 && (pv.rejected.length === 0 || values['skip-invalid']);
    let result = null;
    if (canApply && !values['dry-run']) {
      if (!values['no-backup']) {
        const b = await autoBackup(ctx, defaultBackupDir(ctx.dbPath), 'sebelum-sk');
        cx.io.err(b ? `Cadangan sebelum menerapkan SK: ${b.path}\n` : `${PG_AUTO_BACKUP_SKIPPED}\n`);
      }
      result = await applyImport(ctx, pv, { ...units.decisions, skipInvalid: Boolean(values['skip-invalid']), onProgress: progress(cx.io, 'Menyimpan') });
    }
    if (values.json) printJson(cx.io, previewJson(pv, result !== null, { dryRun: Boolean(values['dry-run']), result }));
    else printHuman(cx, pv, result !== null, Boolean(values['dry-run']), unitLines(pv, units));
    if (values['dry-run']) return canApply ? 0 : 1;
    return result ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

function printHuman(cx: CliEnv, pv: Preview, applied: boolean, dryRun: boolean, units: string[] = []): void {
  const o = (s: string) => cx.io.out(`${s}\n`);
  if (pv.decree) o(`SK ${pv.decree.number} (${pv.decree.category.name}), TMT ${pv.decree.tmtStart} s.d. ${pv.decree.tmtEnd}`);
  for (const b of pv.blocking) o(`TIDAK DAPAT DITERAPKAN: ${b.message}${CLI_HINTS[b.code] ? ` ${CLI_HINTS[b.code]}` : ''}`);
  o(`Baris sah: ${pv.accepted}; masalah: ${pv.rejected.length}; peringatan: ${pv.warnings.length}`);
  const list = [...pv.rejected, ...pv.warnings];
  if (list.length > 0) {
    cx.io.out(table(['Sheet', 'Baris', 'Kolom', 'Kode', 'Pesan'], list.slice(0, 200).map((p) => [p.sheet, p.row, p.column, p.code, `${p.severity === 'error' ? '' : '(peringatan) '}${p.message}`])));
    if (list.length > 200) o(`... dan ${list.length - 200} lagi (gunakan --json untuk semuanya)`);
  }
  for (const u of units) o(u);
  o(`Perbedaan: ${pv.diff.added.length} baru, ${pv.diff.removed.length} keluar, ${pv.diff.changed.length} berubah, ${pv.diff.unchanged} tetap`);
  for (const c of pv.diff.changed.slice(0, 20)) {
    o(`  ${c.nik} ${c.name}: ${c.moved ? `${c.fromOpd} -> ${c.toOpd} ` : ''}${c.honorChanged ? `${formatRupiah(c.fromHonor)} -> ${formatRupiah(c.toHonor)}` : ''}`);
  }
  for (const r of pv.diff.removed.slice(0, 20)) o(`  keluar: ${r.nik} ${r.name} (${r.opd})`);
  if (pv.diff.removed.length > 20) o(`  ... dan ${pv.diff.removed.length - 20} lagi keluar (gunakan --json untuk semuanya)`);
  if (applied) o('Diterapkan.');
  else if (dryRun) o('Uji coba (--dry-run): tidak ada yang disimpan.');
  else if (pv.rejected.length > 0) o('Tidak ada yang disimpan. Perbaiki baris bermasalah, atau gunakan --skip-invalid untuk menerapkan baris yang sah saja.');
  else o('Tidak ada yang disimpan.');
}
