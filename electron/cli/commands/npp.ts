import { parseArgs } from 'node:util';
import { SigapError } from '../../../shared/errors';
import { listCategories, listOpds } from '../../core/roster/units';
import { saveOpd } from '../../core/settings/employer';
import { saveCategory } from '../../core/roster/categories';
import { getRegistration, listRegistrations, registrationIdByNpp, saveRegistration, type Registration } from '../../core/settings/registrations';
import { printJson, table } from '../io';
import { openCli, type CliEnv } from '../context';
import { NPP_USAGE } from '../usage';

const OPTIONS = {
  json: { type: 'boolean' }, db: { type: 'string' }, name: { type: 'string' }, 'jkk-class': { type: 'string' }, npp: { type: 'string' },
  opd: { type: 'string' }, category: { type: 'string' },
} as const;

function jkkClass(v: string | undefined, fallback: number | undefined): number {
  if (v === undefined) {
    if (fallback === undefined) throw new SigapError('INVALID_INPUT', `Sebutkan kelas risiko JKK NPP ini dengan --jkk-class 1 sampai 5.\nPenggunaan:\n  ${NPP_USAGE}`);
    return fallback;
  }
  if (!/^[1-5]$/.test(v.trim())) throw new SigapError('INVALID_INPUT', `--jkk-class "${v}" tidak sah: tulis 1 sampai 5.`);
  return Number(v.trim());
}

const asJson = (r: Registration) => ({ id: r.id, npp: r.npp, name: r.name, jkkClass: r.jkkClass, units: r.units, categories: r.categories, batches: r.batches });

/**
 * `sigap npp list | add NPP --name .. --jkk-class N | set NPP [--npp NEW] [--name ..] [--jkk-class N] |
 * assign (--opd KODE | --category NAMA) NPP|pemda`: the employer registrations (settings/registrations.ts).
 */
export async function nppCommand(args: string[], cx: CliEnv): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list' && sub !== 'add' && sub !== 'set' && sub !== 'assign') {
    cx.io.err(`Penggunaan:\n  ${NPP_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: sub !== 'list' });
  const ctx = await openCli(values.db, cx);
  try {
    if (sub === 'list') {
      const regs = await listRegistrations(ctx);
      if (values.json) printJson(cx.io, { registrations: regs.map(asJson) });
      else cx.io.out(table(['NPP', 'Nama', 'Kelas JKK', 'Unit', 'Kategori', 'Batch'], regs.map((r) => [r.npp ?? '(belum diisi)', r.id === null ? `${r.name} (NPP Pemda)` : r.name, r.jkkClass, r.units, r.categories, r.batches])));
      return 0;
    }
    const target = positionals.join(' ').trim();
    if (target === '') throw new SigapError('INVALID_INPUT', `Tulis NPP-nya.\nPenggunaan:\n  ${NPP_USAGE}`);
    if (sub === 'add') {
      if (!values.name) throw new SigapError('INVALID_INPUT', `Sebutkan nama pendaftaran dengan --name "RSUD ... (BLUD)".\nPenggunaan:\n  ${NPP_USAGE}`);
      const id = await saveRegistration(ctx, { npp: target, name: values.name, jkkClass: jkkClass(values['jkk-class'], undefined) });
      const r = await getRegistration(ctx, id);
      if (values.json) printJson(cx.io, { registration: asJson(r) });
      else cx.io.out(`NPP ${r.npp} (${r.name}, JKK kelas ${r.jkkClass}) tersimpan.\n`);
      return 0;
    }
    if (sub === 'set') {
      const id = await registrationIdByNpp(ctx, target);
      if (id === null) throw new SigapError('INVALID_INPUT', `NPP ${target} adalah NPP Pemda; ubah di: sigap settings set pemda.npp=... (atau Pengaturan › Profil Pemda).`);
      const cur = await getRegistration(ctx, id);
      await saveRegistration(ctx, { id, npp: values.npp ?? cur.npp!, name: values.name ?? cur.name, jkkClass: jkkClass(values['jkk-class'], cur.jkkClass) });
      const r = await getRegistration(ctx, id);
      if (values.json) printJson(cx.io, { registration: asJson(r) });
      else cx.io.out(`NPP ${r.npp} (${r.name}, JKK kelas ${r.jkkClass}) tersimpan.\n`);
      return 0;
    }
    // assign: a unit or a category to an NPP; "pemda" puts it back under the Pemda's own.
    const regId = /^pemda$/i.test(target) ? null : await registrationIdByNpp(ctx, target);
    const label = regId === null ? 'NPP Pemda' : `NPP ${(await getRegistration(ctx, regId)).npp}`;
    if (values.opd !== undefined) {
      const key = values.opd.trim().toLowerCase();
      const o = (await listOpds(ctx)).find((x) => x.code.toLowerCase() === key || x.name.toLowerCase() === key);
      if (!o) throw new SigapError('NOT_FOUND', `Unit "${values.opd}" tidak ada. Lihat daftarnya dengan: sigap opd list`);
      await saveOpd(ctx, { id: o.id, code: o.code, name: o.name, kind: o.kind, budgetAccount: o.budget_account, address: o.address, headName: o.head_name, headNip: o.head_nip, headTitle: o.head_title, pptkName: o.pptk_name, pptkNip: o.pptk_nip, treasurerName: o.treasurer_name, treasurerNip: o.treasurer_nip, registrationId: regId });
      if (values.json) printJson(cx.io, { opd: { id: o.id, code: o.code, name: o.name, registrationId: regId } });
      else cx.io.out(`Unit ${o.name} sekarang memakai ${label}. Berlaku untuk penagihan dan berkas BPJS berikutnya.\n`);
      return 0;
    }
    if (values.category !== undefined) {
      const key = values.category.trim().toLowerCase();
      const c = (await listCategories(ctx)).find((x) => x.name.toLowerCase() === key || String(x.id) === key);
      if (!c) throw new SigapError('NOT_FOUND', `Kategori "${values.category}" tidak ada. Lihat daftarnya dengan: sigap category list`);
      await saveCategory(ctx, { id: c.id, name: c.name, segment: c.segment, programs: c.programs, jkkClass: c.jkk_class, enrolled: c.enrolled === 1, registrationId: regId });
      if (values.json) printJson(cx.io, { category: { id: c.id, name: c.name, registrationId: regId } });
      else cx.io.out(`Kategori ${c.name} sekarang memakai ${label} (untuk pegawainya di unit tanpa NPP sendiri).\n`);
      return 0;
    }
    throw new SigapError('INVALID_INPUT', `Sebutkan --opd KODE atau --category NAMA.\nPenggunaan:\n  ${NPP_USAGE}`);
  } finally {
    await ctx.close();
  }
}
