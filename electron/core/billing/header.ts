/** Letterhead and paying-unit header fields for invoices, recaps and reminder letters. */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import type { Letterhead, UnitHeader } from '../../../shared/billing-types';
import { getSigning } from '../settings/employer';
import { getRegistration } from '../settings/registrations';
import { guessSigningPlace } from '../../../shared/contract/settings';
import { storeOf } from '../store/of-context';
import { headerRepo } from './header-repository';

export async function letterhead(ctx: CoreContext, withLogo = true): Promise<Letterhead> {
  const e = await headerRepo.employer(storeOf(ctx));
  return { pemda: e?.name ?? '(Nama Pemda belum diisi di Pengaturan)', npp: e?.npp ?? null, address: e?.address ?? null, logo: withLogo ? (e?.logo ?? null) : null };
}

/** The unit with its three signatories: Kepala (or Kepala Desa/Pekon), PPTK, Bendahara Pengeluaran. */
export async function unitHeader(ctx: CoreContext, opdId: number): Promise<UnitHeader> {
  const o = await headerRepo.opd(storeOf(ctx), opdId);
  if (!o) throw new SigapError('NOT_FOUND', `Unit pembayar #${opdId} tidak ditemukan.`);
  return {
    id: o.id, code: o.code, name: o.name, kind: o.kind, budgetAccount: o.budgetAccount, address: o.address,
    officials: [
      { role: 'Kepala', title: o.headTitle ?? `Kepala ${o.name}`, name: o.headName, nip: o.headNip },
      { role: 'PPTK', title: 'Pejabat Pelaksana Teknis Kegiatan', name: o.pptkName, nip: o.pptkNip },
      { role: 'Bendahara Pengeluaran', title: 'Bendahara Pengeluaran', name: o.treasurerName, nip: o.treasurerNip },
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
export async function headerSnapshot(ctx: CoreContext, opdId: number, registrationId: number | null = null): Promise<HeaderSnapshot> {
  const own = await letterhead(ctx, false);
  const lh = registrationId === null ? own : { ...own, npp: (await getRegistration(ctx, registrationId)).npp };
  return { letterhead: lh, unit: await unitHeader(ctx, opdId), place: await signingPlace(ctx, lh.pemda) };
}

/**
 * The header an issued invoice froze at issue; null for a draft (it prints from live data). The one
 * place that reads the stored JSON, for the print model and the invoice page alike.
 */
export async function storedHeader(ctx: CoreContext, invoiceId: number): Promise<HeaderSnapshot | null> {
  const json = await headerRepo.invoiceHeaderJson(storeOf(ctx), invoiceId);
  return json ? (JSON.parse(json) as HeaderSnapshot) : null;
}

/** The configured signing place, else the guess from the Pemda's name. */
export async function signingPlace(ctx: CoreContext, pemda: string): Promise<string | null> {
  return (await getSigning(ctx)).place ?? guessSigningPlace(pemda);
}
