import { parseArgs } from 'node:util';
import { listCategories, listOpds } from '../../core/roster/units';
import { categoryInfos, jkkClassLabel, saveCategory } from '../../core/roster/categories';
import { deleteUnitAlias, findUnitAlias, listUnitAliases, saveUnitAlias, unitMatcher, type UnitAliasRow } from '../../core/roster/unit-aliases';
import { SigapError } from '../../../shared/errors';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { OPD_USAGE, CATEGORY_USAGE } from '../usage';

export async function opdCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'alias') return opdAliasCommand(rest, cx);
  if (sub !== 'list') {
    cx.io.err(`Penggunaan:\n  ${OPD_USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
  const ctx = await openCli(values.db, cx);
  try {
    const opds = await listOpds(ctx);
    if (values.json) printJson(cx.io, { opds });
    else cx.io.out(table(['Kode', 'Nama', 'Jenis', 'Kode rekening', 'Kepala'], opds.map((o) => [o.code, o.name, o.kind, o.budget_account ?? '', o.head_name ?? ''])));
    return 0;
  } finally {
    await ctx.close();
  }
}

/** `sigap opd alias list|add|remove`: the names clerks' files use for units, as the wizard remembers them. */
async function opdAliasCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'add' && sub !== 'remove') {
    cx.io.err(`Penggunaan:\n  ${OPD_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, db: { type: 'string' }, opd: { type: 'string' } } });
  const ctx = await openCli(values.db, cx);
  try {
    const aliasJson = (a: UnitAliasRow) => ({ id: a.id, alias: a.alias, opdId: a.opdId, opdCode: a.opdCode, opdName: a.opdName, createdAt: a.createdAt, createdBy: a.createdBy });
    if (sub === 'list') {
      const aliases = await listUnitAliases(ctx);
      if (values.json) printJson(cx.io, { aliases: aliases.map(aliasJson) });
      else if (aliases.length === 0) cx.io.out('Belum ada alias unit. Alias diingat saat usulan unit disetujui di impor SK, atau: sigap opd alias add "DINKES" --opd "Dinas Kesehatan"\n');
      else cx.io.out(table(['ID', 'Alias', 'Unit', 'Kode', 'Oleh'], aliases.map((a) => [a.id, a.alias, a.opdName, a.opdCode, a.createdBy])));
      return 0;
    }
    const name = positionals.join(' ').trim();
    if (name === '') throw new SigapError('INVALID_INPUT', `Tulis nama alias seperti di lampiran SK.\nPenggunaan:\n  ${OPD_USAGE}`);
    if (sub === 'add') {
      if (!values.opd) throw new SigapError('INVALID_INPUT', `Sebut unitnya dengan --opd "Nama atau kode unit".\nPenggunaan:\n  ${OPD_USAGE}`);
      const target = (await unitMatcher(ctx)).match(values.opd);
      if (!target || target.confidence < 1) {
        throw new SigapError('NOT_FOUND', `Unit "${values.opd}" tidak ada.${target ? ` Maksudnya "${target.name}"?` : ''} Lihat daftarnya dengan: sigap opd list`);
      }
      // saveUnitAlias checks and writes in its own write transaction.
      const { id } = await saveUnitAlias(ctx, name, target.opdId);
      const saved = (await listUnitAliases(ctx)).find((a) => a.id === id)!;
      if (values.json) printJson(cx.io, { alias: aliasJson(saved) });
      else cx.io.out(`Alias "${saved.alias}" -> ${saved.opdName} tersimpan.\n`);
      return 0;
    }
    const found = await findUnitAlias(ctx, name);
    if (!found) throw new SigapError('NOT_FOUND', `Alias "${name}" tidak ada. Lihat daftarnya dengan: sigap opd alias list`);
    await deleteUnitAlias(ctx, found.id);
    if (values.json) printJson(cx.io, { removed: aliasJson(found) });
    else cx.io.out(`Alias "${found.alias}" (${found.opdName}) dihapus.\n`);
    return 0;
  } finally {
    await ctx.close();
  }
}

const CATEGORY_OPTIONS = {
  json: { type: 'boolean' }, db: { type: 'string' }, segment: { type: 'string' }, programs: { type: 'string' },
  'jkk-class': { type: 'string' }, enrolled: { type: 'string' }, name: { type: 'string' },
} as const;

/** `--jkk-class 3`, or `npp` / `ikut` / `-` for the employer registration's class. */
function jkkClassArg(v: string | undefined): number | null | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'npp' || t === 'ikut' || t === '-' || t === '') return null;
  if (!/^[1-5]$/.test(t)) throw new SigapError('INVALID_INPUT', `--jkk-class "${v}" tidak sah: tulis 1 sampai 5, atau "npp" untuk mengikuti kelas NPP.`);
  return Number(t);
}

function enrolledArg(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (['yes', 'ya', 'y', '1'].includes(t)) return true;
  if (['no', 'tidak', 'n', '0'].includes(t)) return false;
  throw new SigapError('INVALID_INPUT', `--enrolled "${v}" tidak sah: tulis yes atau no.`);
}

function segmentArg(v: string | undefined): 'PU' | 'BPU' | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toUpperCase();
  if (t !== 'PU' && t !== 'BPU') throw new SigapError('INVALID_INPUT', `--segment "${v}" tidak sah: tulis PU atau BPU.`);
  return t;
}

const categoryJson = (c: Awaited<ReturnType<typeof categoryInfos>>[number]) => ({
  id: c.id, name: c.name, segment: c.segment, programs: c.programs, jkkClass: c.jkkClass, enrolled: c.enrolled, active: c.active,
});

export async function categoryCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'add' && sub !== 'edit') {
    cx.io.err(`Penggunaan:\n  ${CATEGORY_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: CATEGORY_OPTIONS, allowPositionals: sub !== 'list' });
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'list') {
      const categories = (await listCategories(ctx)).map((c) => ({ id: c.id, name: c.name, segment: c.segment, programs: c.programs.split(','), jkkClass: c.jkk_class, enrolled: c.enrolled === 1 }));
      if (values.json) printJson(cx.io, { categories });
      else cx.io.out(table(['ID', 'Nama', 'Segmen', 'Program', 'Kelas JKK', 'Ditagih'], categories.map((c) => [c.id, c.name, c.segment, c.programs.join('+'), c.segment === 'BPU' ? '-' : c.jkkClass === null ? 'ikut NPP' : jkkClassLabel(c.jkkClass), c.enrolled ? 'ya' : 'tidak'])));
      return 0;
    }
    const name = positionals.join(' ').trim();
    if (name === '') throw new SigapError('INVALID_INPUT', `Tulis nama kategori.\nPenggunaan:\n  ${CATEGORY_USAGE}`);
    let result;
    if (sub === 'add') {
      const segment = segmentArg(values.segment);
      if (segment === undefined || values.programs === undefined) throw new SigapError('INVALID_INPUT', 'Kategori baru perlu --segment PU|BPU dan --programs, mis. --programs JKK,JKM.');
      result = await saveCategory(ctx, { name, segment, programs: values.programs, jkkClass: jkkClassArg(values['jkk-class']) ?? null, enrolled: enrolledArg(values.enrolled) ?? true });
    } else {
      const cur = (await listCategories(ctx)).find((c) => c.name.toLowerCase() === name.toLowerCase() || String(c.id) === name);
      if (!cur) throw new SigapError('NOT_FOUND', `Kategori "${name}" tidak ada. Lihat daftarnya dengan: sigap category list`);
      const jkkClass = jkkClassArg(values['jkk-class']);
      result = await saveCategory(ctx, {
        id: cur.id,
        name: values.name ?? cur.name,
        segment: segmentArg(values.segment) ?? cur.segment,
        programs: values.programs ?? cur.programs,
        jkkClass: jkkClass === undefined ? cur.jkk_class : jkkClass,
        enrolled: enrolledArg(values.enrolled),
      });
    }
    const saved = (await categoryInfos(ctx)).find((c) => c.id === result.id)!;
    if (values.json) printJson(cx.io, { category: categoryJson(saved), draftMonths: result.draftMonths });
    else {
      const cls = saved.segment === 'BPU' ? '' : `, JKK ${saved.jkkClass === null ? 'ikut kelas NPP' : jkkClassLabel(saved.jkkClass)}`;
      cx.io.out(`Kategori "${saved.name}" tersimpan: ${saved.segment}, ${saved.programs.join('+')}${cls}${saved.enrolled ? '' : ', tidak ditagih'}.\n`);
      if (result.draftMonths.length > 0) cx.io.out(`Tagihan draf bulan ${result.draftMonths.join(', ')} memakai aturan lama sampai dihitung ulang: sigap bill --month ${result.draftMonths[0]}\n`);
      if (sub === 'edit') cx.io.out('Tagihan yang sudah terbit tidak berubah.\n');
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
