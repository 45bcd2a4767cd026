/** Letterhead and paying-unit header fields for invoices, recaps and reminder letters. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import type { Letterhead, UnitHeader } from '../../../shared/billing-types';
import { getSigning } from '../settings/employer';
import { getRegistration } from '../settings/registrations';
import { guessSigningPlace } from '../../../shared/contract/settings';

export function letterhead(ctx: CoreContext, withLogo = true): Letterhead {
  const e = ctx.db.prepare('SELECT name, npp, address, logo FROM employer WHERE id = 1').get() as { name: string; npp: string | null; address: string | null; logo: string | null } | undefined;
  return { pemda: e?.name ?? '(Nama Pemda belum diisi di Pengaturan)', npp: e?.npp ?? null, address: e?.address ?? null, logo: withLogo ? (e?.logo ?? null) : null };
}

interface OpdDbRow {
  id: number; code: string; name: string; kind: 'opd' | 'village'; budget_account: string | null; address: string | null;
  head_name: string | null; head_nip: string | null; head_title: string | null;
  pptk_name: string | null; pptk_nip: string | null; treasurer_name: string | null; treasurer_nip: string | null;
}

/** The unit with its three signatories: Kepala (or Kepala Desa/Pekon), PPTK, Bendahara Pengeluaran. */
export function unitHeader(ctx: CoreContext, opdId: number): UnitHeader {
  const o = ctx.db.prepare('SELECT * FROM opd WHERE id = ?').get(opdId) as OpdDbRow | undefined;
  if (!o) throw new SigapError('NOT_FOUND', `Unit pembayar #${opdId} tidak ditemukan.`);
  return {
    id: o.id, code: o.code, name: o.name, kind: o.kind, budgetAccount: o.budget_account, address: o.address,
    officials: [
      { role: 'Kepala', title: o.head_title ?? `Kepala ${o.name}`, name: o.head_name, nip: o.head_nip },
      { role: 'PPTK', title: 'Pejabat Pelaksana Teknis Kegiatan', name: o.pptk_name, nip: o.pptk_nip },
      { role: 'Bendahara Pengeluaran', title: 'Bendahara Pengeluaran', name: o.treasurer_name, nip: o.treasurer_nip },
    ],
  };
}

/** What an issued invoice freezes of its header (the logo, a large image, is read live). */
export interface HeaderSnapshot {
  letterhead: Letterhead;
  unit: UnitHeader;
  /**
   * The town in "Place, date" above the signatures, as configured when issued (else guessed from the
   * Pemda's name). Absent in snapshots taken before the setting existed: those print today's setting.
   */
  place?: string | null;
}

/** `registrationId`: the employer registration the invoice bills (its NPP is printed); null, the Pemda's own. */
export function headerSnapshot(ctx: CoreContext, opdId: number, registrationId: number | null = null): HeaderSnapshot {
  const own = letterhead(ctx, false);
  const lh = registrationId === null ? own : { ...own, npp: getRegistration(ctx, registrationId).npp };
  return { letterhead: lh, unit: unitHeader(ctx, opdId), place: signingPlace(ctx, lh.pemda) };
}

/** The configured signing place, else the guess from the Pemda's name. */
export function signingPlace(ctx: CoreContext, pemda: string): string | null {
  return getSigning(ctx).place ?? guessSigningPlace(pemda);
}
