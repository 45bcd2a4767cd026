import { parseArgs } from 'node:util';
import {
  applyKpjImport, cancelBatch, copyProfile, deleteProfile, editProfile, exportBatch, getBatch, getProfile, listBatches, listProfiles,
  preflight, previewKpjImport, profileFromTemplate, reconcileBill, regenerateBatch, sigapBilledLines, type PersonProblems,
} from '../../core/bpjs/index';
import { isMonth } from '../../../shared/dates';
import { formatRupiah } from '../../../shared/money';
import { FIELDS, FUNDING_CODES, REPORT_KINDS, REPORT_KIND_LABELS, type FundingCode, type ReportKind } from '../../../shared/sipp-layouts';
import { printJson, progress, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { getEmployer } from '../../core/settings/employer';
import { BPJS_USAGE } from '../usage';

const common = { json: { type: 'boolean' }, db: { type: 'string' } } as const;

function kindArg(s: string | undefined): ReportKind | null {
  return REPORT_KINDS.includes(s as ReportKind) ? (s as ReportKind) : null;
}

function usage(cx: CliEnv, what: string): number {
  cx.io.err(`${what}\nPenggunaan:\n  ${BPJS_USAGE}\n`);
  return 2;
}

function problemLines(list: PersonProblems[], limit = 100): string {
  const rows = list.slice(0, limit).flatMap((p) => p.problems.map((x) => [p.nik, p.name, p.opd, x.column, `${x.severity === 'warning' ? '(peringatan) ' : ''}${x.message}`]));
  const more = list.length > limit ? `... dan ${list.length - limit} orang lagi (gunakan --json)\n` : '';
  return rows.length > 0 ? table(['NIK', 'Nama', 'OPD', 'Kolom', 'Masalah'], rows) + more : '';
}

export async function exportCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { ...common, out: { type: 'string' }, profile: { type: 'string' }, 'include-incomplete': { type: 'boolean' }, 'as-of': { type: 'string' }, 'village-funding': { type: 'string' } },
  });
  const kind = kindArg(positionals[0]);
  if (!kind) return usage(cx, `Jenis berkas "${positionals[0] ?? ''}" tidak dikenal; pilih ${REPORT_KINDS.join(', ')}.`);
  if (!values.out) return usage(cx, 'Folder tujuan belum disebut (--out DIR).');
  const funding = values['village-funding']?.toUpperCase();
  if (funding !== undefined && !FUNDING_CODES.includes(funding as FundingCode)) return usage(cx, `--village-funding harus salah satu dari ${FUNDING_CODES.join(', ')}.`);
  const ctx = await openCli(values.db, cx);
  try {
    if (!(await getEmployer(ctx))?.npp) {
      // The core's message names the app's screen; on the command line the setting is one command away.
      cx.io.err('NPP pemberi kerja belum diisi. Isi dulu: sigap settings set pemda.nama="Pemerintah Kabupaten ..." pemda.npp=NPP_ANDA\n');
      return 1;
    }
    const r = await exportBatch(ctx, {
      kind, outDir: values.out, includeIncomplete: Boolean(values['include-incomplete']), onProgress: progress(cx.io, 'Menulis baris'),
      ...(values.profile ? { profile: values.profile } : {}), ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
      ...(funding ? { villageFunding: funding as FundingCode } : {}),
    });
    if (values.json) {
      printJson(cx.io, {
        batchId: r.batchId, kind: r.kind, profile: r.profile, asOf: r.asOf, rows: r.rows, incomplete: r.incomplete,
        files: r.files.map((f) => ({ name: f.name, path: f.path, rows: f.rows, sha256: f.sha256 })), skipped: r.skipped, warnings: r.warnings,
      });
    } else {
      cx.io.out(`${REPORT_KIND_LABELS[kind]} (profil ${r.profile}, per ${r.asOf})\n`);
      if (r.files.length === 0) cx.io.out('Tidak ada berkas dibuat: tidak ada perubahan yang siap dilaporkan.\n');
      // One batch per NPP (bpjs/export.ts): name them all when there are several.
      else cx.io.out(`Batch ${(r.batches ?? []).length > 1 ? r.batches!.map((x) => `${x.batchId} (NPP ${x.npp}, ${x.rows} baris)`).join(', ') : r.batchId}: ${r.rows} baris${r.incomplete ? ` (${r.incomplete} belum lengkap)` : ''}\n${table(['Berkas', 'Baris', 'SHA-256'], r.files.map((f) => [f.path, f.rows, f.sha256]))}`);
      for (const w of r.warnings) cx.io.out(`Perhatian: ${w.message}\n`);
      if (r.skipped.length > 0) cx.io.out(`${r.skipped.length} orang dilewati karena data belum lengkap (--include-incomplete untuk tetap menulisnya):\n${problemLines(r.skipped)}`);
    }
    return r.files.length === 0 && r.skipped.length > 0 ? 1 : 0;
  } finally {
    await ctx.close();
  }
}

export async function preflightCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, kind: { type: 'string' }, profile: { type: 'string' }, 'as-of': { type: 'string' } } });
  const kind = values.kind === undefined ? undefined : kindArg(values.kind);
  if (kind === null) return usage(cx, `Jenis "${values.kind}" tidak dikenal; pilih ${REPORT_KINDS.join(', ')}.`);
  const ctx = await openCli(values.db, cx);
  try {
    // --profile: the profile's remarks (e.g. STATUS_KAWIN left empty) are said for the kind it writes.
    const named = values.profile ? await getProfile(ctx, values.profile) : null;
    const r = await preflight(ctx, {
      ...(kind ? { kinds: [kind] } : {}), ...(values['as-of'] ? { asOf: values['as-of'] } : {}), ...(named ? { profiles: { [named.kind]: named.name } } : {}),
    });
    if (values.json) printJson(cx.io, r);
    else {
      cx.io.out(`Per ${r.asOf}, NPP ${r.npp ?? '(belum diisi)'}; menunggu KPJ dari cabang: ${r.awaitingKpj} orang\n`);
      cx.io.out(table(['Jenis', 'Tertunda', 'Siap', 'Bermasalah'], r.kinds.map((k) => [REPORT_KIND_LABELS[k.kind], k.pending, k.ready, k.blocked.length])));
      for (const k of r.kinds) if (k.blocked.length + k.warned.length > 0) cx.io.out(`\n${REPORT_KIND_LABELS[k.kind]}:\n${problemLines([...k.blocked, ...k.warned])}`);
      for (const k of r.kinds) for (const w of k.profileWarnings) cx.io.out(`\nPerhatian (${REPORT_KIND_LABELS[k.kind]}): ${w.message}\n`);
      // Required columns left empty: one line per column (filled in one step on the Pelaporan BPJS screen).
      for (const k of r.kinds) for (const m of k.requiredMissing) cx.io.out(`\nWajib (${REPORT_KIND_LABELS[k.kind]}): ${m.column} kosong untuk ${m.count} orang; isi sekaligus di Pelaporan BPJS › Perlu dilaporkan.\n`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

export async function batchesCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values } = parseArgs({ args, options: { ...common, npp: { type: 'string' } } });
  const ctx = await openCli(values.db, cx);
  try {
    // --npp: one SIPP Online account's batches (each NPP has its own).
    const batches = await listBatches(ctx, { npp: values.npp?.replace(/[\s.-]/g, '') });
    if (values.json) printJson(cx.io, { batches });
    else cx.io.out(table(['ID', 'Jenis', 'NPP', 'Status', 'Dibuat', 'Oleh', 'Baris', 'Berkas'], batches.map((b) => [b.id, b.kind, b.npp, b.status, b.createdAt, b.createdBy, b.rows, b.files.map((f) => f.name).join(', ')])));
    return 0;
  } finally {
    await ctx.close();
  }
}

export async function batchCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...common, reason: { type: 'string' }, out: { type: 'string' } } });
  const id = Number(positionals[0]);
  if (!['show', 'cancel', 'regenerate'].includes(sub ?? '') || !Number.isInteger(id) || id <= 0) return usage(cx, 'Sebutkan show, cancel atau regenerate dan nomor batch.');
  if (sub === 'regenerate' && !values.out) return usage(cx, 'Folder tujuan belum disebut (--out DIR).');
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'show') {
      const b = await getBatch(ctx, id);
      if (values.json) printJson(cx.io, b);
      else cx.io.out(`Batch ${b.id} ${b.kind} ${b.status}, ${b.rows} baris\n${table(['No', 'NIK', 'Nama', 'Berkas', 'Masalah'], b.items.map((i) => [i.seq, i.nik, i.name, i.fileSeq, i.problems.map((p) => p.code).join(', ')]))}`);
      return 0;
    }
    if (sub === 'cancel') {
      const b = await cancelBatch(ctx, id, values.reason);
      if (values.json) printJson(cx.io, b);
      else cx.io.out(`Batch ${id} dibatalkan; ${b.rows} perubahannya akan ditawarkan lagi.\n`);
      return 0;
    }
    const files = await regenerateBatch(ctx, id, values.out!);
    if (values.json) printJson(cx.io, { batchId: id, files });
    else cx.io.out(table(['Berkas', 'Baris', 'Sama persis'], files.map((f) => [f.path, f.rows, f.identical ? 'ya' : 'TIDAK'])));
    return files.every((f) => f.identical) ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

export async function importKpjCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...common, 'dry-run': { type: 'boolean' } } });
  const file = positionals[0];
  if (!file) return usage(cx, 'Berkas daftar peserta belum disebut.');
  const ctx = await openCli(values.db, cx);
  try {
    const pv = await previewKpjImport(ctx, file);
    const canApply = pv.errors.length === 0 && pv.updates.length > 0;
    const result = canApply && !values['dry-run'] ? await applyKpjImport(ctx, pv) : null;
    if (values.json) {
      printJson(cx.io, {
        file: pv.file, sha256: pv.sha256, sheet: pv.sheet, rows: pv.rows, matched: pv.updates.length, applied: result !== null, result,
        errors: pv.errors, warnings: pv.warnings, updates: pv.updates.map((u) => ({ nik: u.nik, name: u.name, kpj: u.kpj, previousKpj: u.previousKpj, memberSince: u.memberSince, row: u.row })),
      });
    } else {
      cx.io.out(`${pv.file}: ${pv.rows} baris, ${pv.updates.length} cocok, ${pv.errors.length} bermasalah, ${pv.warnings.length} catatan\n`);
      const list = [...pv.errors, ...pv.warnings];
      if (list.length > 0) cx.io.out(table(['Baris', 'Kolom', 'Kode', 'Pesan'], list.slice(0, 200).map((p) => [p.row, p.column, p.code, p.message])));
      cx.io.out(result ? `Disimpan: ${result.kpjFilled} KPJ baru, ${result.kpjReplaced} diganti.\n` : 'Tidak ada yang disimpan.\n');
    }
    return values['dry-run'] ? (canApply ? 0 : 1) : result ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

export async function reconcileCommand(args: string[], cx: CliEnv): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...common, month: { type: 'string' } } });
  const file = positionals[0];
  if (!file) return usage(cx, 'Berkas rincian tagihan kantor cabang belum disebut.');
  if (!values.month || !isMonth(values.month)) return usage(cx, `Bulan "${values.month ?? ''}" tidak sah; tulis --month YYYY-MM.`);
  const ctx = await openCli(values.db, cx);
  try {
    const r = await reconcileBill(ctx, file, values.month, await sigapBilledLines(ctx, values.month));
    if (values.json) printJson(cx.io, r);
    else {
      const rp = (n: number) => formatRupiah(n);
      cx.io.out(`Rekonsiliasi ${r.month}: ${r.file} (${r.persons.branch} orang) dengan tagihan Sigap terbit (${r.persons.sigap} orang); ${r.persons.equal} sama persis\n`);
      cx.io.out(table(['', ...r.programs, 'Total'], (['branch', 'sigap', 'difference'] as const).map((k) => [
        { branch: 'Kantor cabang', sigap: 'Sigap', difference: 'Selisih' }[k], ...r.programs.map((p) => rp(r.totals[k][p])), rp(r.totals[k].total),
      ])));
      if (r.onlyBranch.length) cx.io.out(`\nHanya ditagih kantor cabang:\n${table(['NIK', 'KPJ', 'Nama', 'Baris', 'Total'], r.onlyBranch.map((p) => [p.nik ?? '', p.kpj ?? '', p.name, p.rows.join(','), rp(p.amounts.total)]))}`);
      if (r.onlySigap.length) cx.io.out(`\nHanya ditagih Sigap:\n${table(['NIK', 'Nama', 'OPD', 'Total'], r.onlySigap.map((p) => [p.nik ?? '', p.name, p.opdCode ?? '', rp(p.amounts.total)]))}`);
      if (r.differences.length) cx.io.out(`\nJumlah berbeda:\n${table(['NIK', 'Nama', 'Program', 'Cabang', 'Sigap', 'Selisih'], r.differences.map((d) => [d.nik ?? '', d.name, d.program, rp(d.branch), rp(d.sigap), rp(d.difference)]))}`);
    }
    return r.onlyBranch.length + r.onlySigap.length + r.differences.length === 0 ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

function parseMaps(list: string[] | undefined): { header: string; field: string | null }[] {
  return (list ?? []).map((m) => {
    const at = m.lastIndexOf('=');
    const field = at < 0 ? '' : m.slice(at + 1).trim();
    return { header: at < 0 ? m : m.slice(0, at), field: field === '' || field === '-' ? null : field };
  });
}

/** `HEADER=VALUE` (split at the first `=`; an empty VALUE clears the constant). */
function parseSets(list: string[] | undefined): { header: string; value: string | null }[] {
  return (list ?? []).map((m) => {
    const at = m.indexOf('=');
    const value = at < 0 ? '' : m.slice(at + 1);
    return { header: at < 0 ? m : m.slice(0, at), value: value.trim() === '' ? null : value };
  });
}

export async function profileCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { ...common, name: { type: 'string' }, kind: { type: 'string' }, sheet: { type: 'string' }, map: { type: 'string', multiple: true }, set: { type: 'string', multiple: true }, drop: { type: 'string', multiple: true }, 'rows-per-file': { type: 'string' } },
  });
  const rowsArg = values['rows-per-file'];
  if (rowsArg !== undefined && rowsArg !== 'bawaan' && !/^\d+$/.test(rowsArg)) return usage(cx, `--rows-per-file harus angka 1 sampai 10000, atau "bawaan" (10.000), bukan "${rowsArg}".`);
  const rowsPerFile = rowsArg === undefined ? {} : { rowsPerFile: rowsArg === 'bawaan' ? null : Number(rowsArg) };
  if (sub === 'fields') {
    if (values.json) printJson(cx.io, { fields: FIELDS });
    else cx.io.out(table(['Isian', 'Keterangan'], Object.entries(FIELDS)));
    return 0;
  }
  if (!['list', 'show', 'from-template', 'edit', 'copy', 'delete'].includes(sub ?? '')) return usage(cx, 'Sebutkan list, fields, show, from-template, edit, copy atau delete.');
  if (sub !== 'list' && !positionals[0]) return usage(cx, sub === 'from-template' ? 'Berkas templat belum disebut.' : 'Nama profil belum disebut.');
  const kind = values.kind === undefined ? undefined : kindArg(values.kind);
  if (kind === null) return usage(cx, `Jenis "${values.kind}" tidak dikenal; pilih ${REPORT_KINDS.join(', ')}.`);
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'list') {
      const profiles = await listProfiles(ctx);
      if (values.json) printJson(cx.io, { profiles });
      else cx.io.out(table(['Nama', 'Jenis', 'Sheet', 'Kolom', 'Bawaan'], profiles.map((p) => [p.name, p.kind, p.sheetName, p.columns.length, p.builtin ? 'ya' : ''])));
      return 0;
    }
    if (sub === 'from-template') {
      if (!values.name) return usage(cx, 'Nama profil belum disebut (--name NAME).');
      const r = await profileFromTemplate(ctx, positionals[0]!, { name: values.name, ...(kind ? { kind } : {}) });
      if (values.json) printJson(cx.io, r);
      else {
        cx.io.out(`Profil ${r.profile.name} (${r.profile.kind}) dari sheet "${r.sheet}" baris ${r.headerRow}: ${r.profile.columns.length} kolom\n`);
        if (r.unknownHeaders.length) cx.io.out(`Judul kolom tidak dikenal (ditulis kosong; petakan dengan profile edit --map): ${r.unknownHeaders.join(', ')}\n`);
        if (r.missingHeaders.length) cx.io.out(`Kolom tata letak bawaan yang tidak ada di templat: ${r.missingHeaders.join(', ')}\n`);
        cx.io.out(r.fillsTemplate
          ? `Berkas ditulis ke salinan templat ${r.profile.templateFile} (nama berkas, sheet dan daftar pilihan tetap), satu folder per berkas.\n`
          : 'Templat ini bukan .xlsx: Sigap menulis berkasnya sendiri dengan kolom dan nama sheet templat.\n');
      }
      return 0;
    }
    if (sub === 'copy') {
      if (!values.name) return usage(cx, 'Nama profil baru belum disebut (--name NEW).');
      const c = await copyProfile(ctx, positionals[0]!, values.name);
      if (values.json) printJson(cx.io, c);
      else cx.io.out(`Profil ${positionals[0]} disalin menjadi ${c.name}; ubah dengan: sigap profile edit "${c.name}" --set STATUS_KAWIN=T\n`);
      return 0;
    }
    if (sub === 'delete') {
      await deleteProfile(ctx, positionals[0]!);
      cx.io.out(`Profil ${positionals[0]} dihapus.\n`);
      return 0;
    }
    const p = sub === 'edit'
      ? await editProfile(ctx, positionals[0]!, { ...(values.sheet ? { sheetName: values.sheet } : {}), map: parseMaps(values.map), set: parseSets(values.set), drop: values.drop ?? [], ...rowsPerFile })
      : await getProfile(ctx, positionals[0]!);
    if (values.json) printJson(cx.io, p);
    else cx.io.out(`Profil ${p.name} (${p.kind}), sheet ${p.sheetName}\n${table(['Kolom', 'Judul', 'Isian'], p.columns.map((c, i) => [i + 1, c.header, c.value !== undefined ? `nilai tetap "${c.value}"` : c.field ?? '(kosong)']))}`);
    return 0;
  } finally {
    await ctx.close();
  }
}
