/**
 * Employer registrations (NPP) besides the Pemda's own: the RSUD as a BLUD, the village governments...
 * Each has its own NPP and JKK risk class (domain.md section 3: the class is set by BPJS per
 * registration). A unit or a category may belong to one; NULL means the Pemda's own NPP, kept in
 * `employer` (migration 0130).
 *
 * The rule every module reuses (billing, BPJS files, reconciliation, arrears): a person's registration
 * is their unit's if it has one, else their category's, else the Pemda's. `registrationIdSql` is that
 * rule as a SQL expression; `registrationNppSql` and `registrationJkkClassSql` read the NPP and the
 * JKK class of the result, falling back to the Pemda's own.
 */
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';

/** The registration id (NULL = the Pemda's own) of a unit row `opd` and a category row `category`. */
export function registrationIdSql(opd: string, category: string): string {
  return `coalesce(${opd}.registration_id, ${category}.registration_id)`;
}

/** The NPP of a registration id expression (NULL: the Pemda's NPP, itself NULL when not set yet). */
export function registrationNppSql(regId: string): string {
  return `coalesce((SELECT r.npp FROM employer_registration r WHERE r.id = ${regId}), (SELECT e.npp FROM employer e WHERE e.id = 1))`;
}

/** The JKK class of a registration id expression (NULL: the Pemda's class; class I while no profile is saved). */
export function registrationJkkClassSql(regId: string): string {
  return `coalesce((SELECT r.jkk_class FROM employer_registration r WHERE r.id = ${regId}), (SELECT e.jkk_class FROM employer e WHERE e.id = 1), 1)`;
}

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

interface RegRow { id: number; npp: string; name: string; jkk_class: number }

function usage(ctx: CoreContext, id: number | null, npp: string | null): Pick<Registration, 'units' | 'categories' | 'batches'> {
  const n = (sql: string, ...args: unknown[]) => (ctx.db.prepare(sql).get(...args) as { n: number }).n;
  return {
    units: n('SELECT count(*) AS n FROM opd WHERE registration_id IS ?', id),
    categories: n('SELECT count(*) AS n FROM category WHERE registration_id IS ?', id),
    batches: npp === null ? 0 : n('SELECT count(*) AS n FROM bpjs_batch WHERE npp = ?', npp),
  };
}

/** The Pemda's own registration first, then the others by NPP. */
export function listRegistrations(ctx: CoreContext): Registration[] {
  const e = ctx.db.prepare('SELECT name, npp, jkk_class AS jkkClass FROM employer WHERE id = 1').get() as { name: string; npp: string | null; jkkClass: number } | undefined;
  const own: Registration = { id: null, npp: e?.npp ?? null, name: e?.name ?? 'Pemda (profil belum diisi)', jkkClass: e?.jkkClass ?? 1, ...usage(ctx, null, e?.npp ?? null) };
  const rows = ctx.db.prepare('SELECT id, npp, name, jkk_class FROM employer_registration ORDER BY npp').all() as RegRow[];
  return [own, ...rows.map((r) => ({ id: r.id, npp: r.npp, name: r.name, jkkClass: r.jkk_class, ...usage(ctx, r.id, r.npp) }))];
}

/** One registration by id; null gives the Pemda's own. */
export function getRegistration(ctx: CoreContext, id: number | null): Registration {
  const r = listRegistrations(ctx).find((x) => x.id === id);
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
export function saveRegistration(ctx: CoreContext, input: RegistrationInput): number {
  return ctx.db.transaction((): number => {
    const npp = cleanNpp(input.npp);
    const name = input.name.trim().replace(/\s+/g, ' ');
    if (name.length < 3) throw new SigapError('INVALID_INPUT', 'Nama pendaftaran minimal 3 huruf (mis. RSUD Liwa (BLUD)).');
    if (name.length > 200) throw new SigapError('INVALID_INPUT', 'Nama pendaftaran paling banyak 200 huruf.');
    if (!Number.isInteger(input.jkkClass) || input.jkkClass < 1 || input.jkkClass > 5) throw new SigapError('INVALID_INPUT', 'Kelas risiko JKK harus 1 sampai 5.');
    const own = (ctx.db.prepare('SELECT npp FROM employer WHERE id = 1').get() as { npp: string | null } | undefined)?.npp ?? null;
    if (own !== null && own.replace(/[\s.-]/g, '') === npp) {
      throw new SigapError('CONFLICT', `NPP ${npp} adalah NPP Pemda sendiri (Pengaturan › Profil Pemda). Unit dan kategori tanpa pendaftaran lain sudah memakainya.`);
    }
    const clash = ctx.db.prepare('SELECT id, name FROM employer_registration WHERE npp = ? AND id IS NOT ?').get(npp, input.id ?? null) as { id: number; name: string } | undefined;
    if (clash) throw new SigapError('CONFLICT', `NPP ${npp} sudah terdaftar atas nama "${clash.name}".`);
    const after = { npp, name, jkkClass: input.jkkClass };
    if (input.id === undefined) {
      const id = Number(ctx.db.prepare('INSERT INTO employer_registration (npp, name, jkk_class, created_at, created_by) VALUES (?, ?, ?, ?, ?)')
        .run(npp, name, input.jkkClass, nowIso(ctx), ctx.actor).lastInsertRowid);
      audit(ctx, { action: 'create', entity: 'employer_registration', entityId: id, summary: `Pendaftaran BPJS NPP ${npp} (${name}), JKK kelas ${input.jkkClass}`, after });
      return id;
    }
    const row = ctx.db.prepare('SELECT id, npp, name, jkk_class FROM employer_registration WHERE id = ?').get(input.id) as RegRow | undefined;
    if (!row) throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${input.id} tidak ditemukan.`);
    if (row.npp !== npp) {
      // Batches keep the NPP they were written under; a renumbered registration would orphan them.
      const used = usage(ctx, row.id, row.npp).batches;
      if (used > 0) throw new SigapError('CONFLICT', `NPP ${row.npp} tidak dapat diubah: sudah dipakai di ${used} batch berkas BPJS. Tambahkan pendaftaran baru untuk NPP ${npp}.`);
    }
    const before = { npp: row.npp, name: row.name, jkkClass: row.jkk_class };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k]);
    if (changed.length === 0) return row.id;
    ctx.db.prepare('UPDATE employer_registration SET npp = ?, name = ?, jkk_class = ? WHERE id = ?').run(npp, name, input.jkkClass, row.id);
    audit(ctx, {
      action: 'update', entity: 'employer_registration', entityId: row.id, summary: `Pendaftaran BPJS NPP ${npp} diubah (${changed.join(', ')})`,
      before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    return row.id;
  })();
}

/** Deletes a registration nothing uses; refused, naming what uses it, otherwise. */
export function deleteRegistration(ctx: CoreContext, id: number): void {
  ctx.db.transaction(() => {
    const row = ctx.db.prepare('SELECT id, npp, name, jkk_class FROM employer_registration WHERE id = ?').get(id) as RegRow | undefined;
    if (!row) throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${id} tidak ditemukan.`);
    const u = usage(ctx, id, row.npp);
    const invoices = (ctx.db.prepare('SELECT count(*) AS n FROM invoice WHERE registration_id = ?').get(id) as { n: number }).n;
    const uses = [
      u.units > 0 ? `${u.units} unit` : null,
      u.categories > 0 ? `${u.categories} kategori` : null,
      u.batches > 0 ? `${u.batches} batch berkas BPJS` : null,
      invoices > 0 ? `${invoices} tagihan` : null,
    ].filter((x): x is string => x !== null);
    if (uses.length > 0) {
      throw new SigapError('CONFLICT', `NPP ${row.npp} (${row.name}) tidak dapat dihapus: masih dipakai ${uses.join(', ')}. Pindahkan unit dan kategorinya ke NPP lain dulu; riwayat berkas dan tagihan tetap.`);
    }
    ctx.db.prepare('DELETE FROM employer_registration WHERE id = ?').run(id);
    audit(ctx, { action: 'delete', entity: 'employer_registration', entityId: id, summary: `Pendaftaran BPJS NPP ${row.npp} (${row.name}) dihapus`, before: { npp: row.npp, name: row.name, jkkClass: row.jkk_class } });
  })();
}

/** Checks that a registration id given for a unit or category exists (null: the Pemda's own). */
export function requireRegistrationId(ctx: CoreContext, id: number | null | undefined): number | null {
  if (id === null || id === undefined) return null;
  if (!ctx.db.prepare('SELECT 1 FROM employer_registration WHERE id = ?').get(id)) {
    throw new SigapError('NOT_FOUND', `Pendaftaran BPJS (NPP) #${id} tidak ditemukan. Tambahkan di Pengaturan › Pendaftaran BPJS (NPP).`);
  }
  return id;
}

/** A registration by its NPP as typed on the command line; the Pemda's own NPP gives null. */
export function registrationIdByNpp(ctx: CoreContext, raw: string): number | null {
  const npp = raw.replace(/[\s.-]/g, '');
  const r = listRegistrations(ctx).find((x) => x.npp !== null && x.npp.replace(/[\s.-]/g, '') === npp);
  if (!r) throw new SigapError('NOT_FOUND', `NPP "${raw}" belum terdaftar. Lihat daftarnya di Pengaturan › Pendaftaran BPJS (NPP) atau dengan: sigap npp list`);
  return r.id;
}
