/**
 * Employer registrations (NPP) besides the Pemda's own: the RSUD as a BLUD, the village governments...
 * Each has its own NPP and JKK risk class (domain.md section 3: the class is set by BPJS per
 * registration). A unit or a category may belong to one; NULL means the Pemda's own NPP, kept in
 * `employer` (migration 0130).
 *
 * The rule every module reuses (billing, BPJS files, reconciliation, arrears): a person's registration
 * is their unit's if it has one, else their category's, else the Pemda's. `registrationIdSql` is that
 * rule as a SQL expression; `registrationNppSql` and `registrationJkkClassSql` read the NPP and the
 * JKK class of the result, falling back to the Pemda's own (all three: sql fragments, in
 * registration-repository.ts).
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { registrationRepo } from './registration-repository';

// The rule as SQL expressions lives with the SQL; re-exported here, where the other areas import it.
export { registrationIdSql, registrationNppSql, registrationJkkClassSql } from './registration-repository';

export interface Registration {
  /** null: the Pemda's own registration (Pengaturan › Profil Pemda). */
  id: number | null;
  npp: string | null;
  name: string;
  jkkClass: number;
  /** Units and categories that belong to it (for the Pemda's own: those that belong to no other). */
  units: number;
  categories: number;
  /** BPJS file batches made under its NPP. */
  batches: number;
}

async function usage(q: Queries, id: number | null, npp: string | null): Promise<Pick<Registration, 'units' | 'categories' | 'batches'>> {
  return {
    units: await registrationRepo.countUnits(q, id),
    categories: await registrationRepo.countCategories(q, id),
    batches: npp === null ? 0 : await registrationRepo.countBatches(q, npp),
  };
}

/** The Pemda's own registration first, then the others by NPP (one snapshot: the counts agree). */
export async function listRegistrations(ctx: CoreContext): Promise<Registration[]> {
  return storeOf(ctx).tx('read', async (q) => {
    const e = await registrationRepo.own(q);
    const own: Registration = { id: null, npp: e?.npp ?? null, name: e?.name ?? 'Pemda (profil belum diisi)', jkkClass: e?.jkkClass ?? 1, ...(await usage(q, null, e?.npp ?? null)) };
    const out = [own];
    for (const r of await registrationRepo.list(q)) out.push({ ...r, ...(await usage(q, r.id, r.npp)) });
    return out;
  });
}

/** One registration by id; null gives the Pemda's own. */
export async function getRegistration(ctx: CoreContext, id: number | null): Promise<Registration> {
  const r = (await listRegistrations(ctx)).find((x) => x.id === id);
  if (!r) throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${id} tidak ditemukan.`);
  return r;
}

/**
 * An NPP as typed: spaces, dots and dashes dropped, then 8 digits. BPJS Ketenagakerjaan's employer
 * numbers in the portal's files (e.g. `18040012` in the wage-change template's NPP column) are 8 digits.
 */
export function cleanNpp(raw: string): string {
  const npp = raw.replace(/[\s.-]/g, '');
  if (!/^\d{8}$/.test(npp)) {
    throw new SigapError('INVALID_INPUT', `NPP "${raw.trim()}" tidak sah: NPP BPJS Ketenagakerjaan terdiri dari 8 angka (mis. 18040012).`);
  }
  return npp;
}

export interface RegistrationInput {
  /** Absent: a new registration. */
  id?: number | undefined;
  npp: string;
  name: string;
  jkkClass: number;
}

/** Adds or edits a registration, audited, in one transaction. Returns its id. */
export async function saveRegistration(ctx: CoreContext, input: RegistrationInput): Promise<number> {
  return storeOf(ctx).tx('write', async (q): Promise<number> => {
    const npp = cleanNpp(input.npp);
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name.length < 3) throw new SigapError('INVALID_INPUT', 'Nama pendaftaran minimal 3 huruf (mis. RSUD Liwa (BLUD)).');
    if (name.length > 200) throw new SigapError('INVALID_INPUT', 'Nama pendaftaran paling banyak 200 huruf.');
    if (!Number.isInteger(input.jkkClass) || input.jkkClass < 1 || input.jkkClass > 5) throw new SigapError('INVALID_INPUT', 'Kelas risiko JKK harus 1 sampai 5.');
    const own = (await registrationRepo.own(q))?.npp ?? null;
    if (own !== null && own.replace(/[\s.-]/g, '') === npp) {
      throw new SigapError('CONFLICT', `NPP ${npp} adalah NPP Pemda sendiri (Pengaturan › Profil Pemda). Unit dan kategori tanpa pendaftaran lain sudah memakainya.`);
    }
    const clash = await registrationRepo.withNpp(q, npp, input.id ?? null);
    if (clash) throw new SigapError('CONFLICT', `NPP ${npp} sudah terdaftar atas nama "${clash.name}".`);
    const after = { npp, name, jkkClass: input.jkkClass };
    if (input.id === undefined) {
      const id = await registrationRepo.insert(q, { ...after, at: nowIso(ctx), by: ctx.actor });
      await audit(ctx, { action: 'create', entity: 'employer_registration', entityId: id, summary: `Pendaftaran BPJS NPP ${npp} (${name}), JKK kelas ${input.jkkClass}`, after });
      return id;
    }
    const row = await registrationRepo.byId(q, input.id);
    if (!row) throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${input.id} tidak ditemukan.`);
    if (row.npp !== npp) {
      // Batches keep the NPP they were written under; a renumbered registration would orphan them.
      const used = await registrationRepo.countBatches(q, row.npp);
      if (used > 0) throw new SigapError('CONFLICT', `NPP ${row.npp} tidak dapat diubah: sudah dipakai di ${used} batch berkas BPJS. Tambahkan pendaftaran baru untuk NPP ${npp}.`);
    }
    const before = { npp: row.npp, name: row.name, jkkClass: row.jkkClass };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return row.id;
    await registrationRepo.update(q, row.id, after);
    await audit(ctx, {
      action: 'update', entity: 'employer_registration', entityId: row.id, summary: `Pendaftaran BPJS NPP ${npp} diubah (${changed.join(', ')})`,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return row.id;
  });
}

/** Deletes a registration nothing uses; refused, naming what uses it, otherwise. */
export async function deleteRegistration(ctx: CoreContext, id: number): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const row = await registrationRepo.byId(q, id);
    if (!row) throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${id} tidak ditemukan.`);
    const u = await usage(q, id, row.npp);
    const invoices = await registrationRepo.countInvoices(q, id);
    const uses = [
      u.units > 0 ? `${u.units} unit` : null,
      u.categories > 0 ? `${u.categories} kategori` : null,
      u.batches > 0 ? `${u.batches} batch berkas BPJS` : null,
      invoices > 0 ? `${invoices} tagihan` : null,
    ].filter((x): x is string => x !== null);
    if (uses.length > 0) {
      throw new SigapError('CONFLICT', `NPP ${row.npp} (${row.name}) tidak dapat dihapus: masih dipakai ${uses.join(', ')}. Pindahkan unit dan kategorinya ke NPP lain dulu; riwayat berkas dan tagihan tetap.`);
    }
    await registrationRepo.delete(q, id);
    await audit(ctx, { action: 'delete', entity: 'employer_registration', entityId: id, summary: `Pendaftaran BPJS NPP ${row.npp} (${row.name}) dihapus`, before: { npp: row.npp, name: row.name, jkkClass: row.jkkClass } });
  });
}

/** Checks that a registration id given for a unit or category exists (null: the Pemda's own). */
export async function requireRegistrationId(ctx: CoreContext, id: number | null | undefined): Promise<number | null> {
  if (id === null || id === undefined) return null;
  if (!(await registrationRepo.exists(storeOf(ctx), id))) {
    throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${id} tidak ditemukan. Tambahkan di Pengaturan › Pendaftaran BPJS (NPP).`);
  }
  return id;
}

/** A registration by its NPP as typed on the command line; the Pemda's own NPP gives null. */
export async function registrationIdByNpp(ctx: CoreContext, raw: string): Promise<number | null> {
  const npp = raw.replace(/[\s.-]/g, '');
  const r = (await listRegistrations(ctx)).find((x) => x.npp !== null && x.npp.replace(/[\s.-]/g, '') === npp);
  if (!r) throw new SigapError('NOT_FOUND', `NPP "${raw}" belum terdaftar. Lihat daftarnya di Pengaturan › Pendaftaran BPJS (NPP) atau dengan: sigap npp list`);
  return r.id;
}
