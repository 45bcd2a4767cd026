import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../../../shared/errors';
import { unitKey } from '../../../shared/person-fields';
import { officeZone, ZONE_KEY } from './zone';
import { requireRegistrationId } from './registrations';
import { storeOf } from '../store/of-context';
import type { Queries } from '../store/store';
import { deleteSetting, putSetting, settingsByPrefix } from './setting-repository';
import { employerRepo, opdRepo } from './employer-repository';
import type { OfficeZone } from '../../../shared/zone';

/**
 * Who signs the Pemda-wide documents and where (see shared/contract/settings.ts `signingDto`). Kept in
 * the `setting` key/value table under `signing.*` keys: an absent key is an empty field.
 */
export interface Signing {
  place: string | null;
  office: string | null;
  headName: string | null; headNip: string | null; headTitle: string | null;
  preparerName: string | null; preparerNip: string | null; preparerTitle: string | null;
}

export type SigningInput = { [K in keyof Signing]?: string | null | undefined };

const SIGNING_FIELDS = ['place', 'office', 'headName', 'headNip', 'headTitle', 'preparerName', 'preparerNip', 'preparerTitle'] as const satisfies readonly (keyof Signing)[];

/** The NIP fields and how the clerk knows them, for error messages. */
const SIGNING_NIPS: [keyof Signing, string][] = [['headNip', 'kepala kantor keuangan'], ['preparerNip', 'pembuat rekapitulasi']];

export async function getSigning(ctx: CoreContext): Promise<Signing> {
  const rows = await settingsByPrefix(storeOf(ctx), ['signing.']);
  const byKey = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(SIGNING_FIELDS.map((f) => [f, byKey.get(`signing.${f}`) ?? null])) as unknown as Signing;
}

/** Trims, collapses spaces, strips spaces inside NIPs, and checks each NIP is 18 digits. */
function cleanSigning(s: SigningInput): Signing {
  const out = {} as Record<keyof Signing, string | null>;
  for (const f of SIGNING_FIELDS) {
    const v = s[f];
    out[f] = typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null;
  }
  for (const [f, who] of SIGNING_NIPS) {
    const nip = out[f]?.replace(/\s/g, '') ?? null;
    if (nip !== null && !/^\d{18}$/.test(nip)) throw new SigapError('INVALID_INPUT', `NIP ${who} harus 18 angka (tertulis ${nip.length} karakter).`);
    out[f] = nip;
  }
  return out;
}

async function writeSigning(q: Queries, s: Signing, now: string): Promise<void> {
  for (const f of SIGNING_FIELDS) {
    const v = s[f];
    if (v === null) await deleteSetting(q, `signing.${f}`);
    else await putSetting(q, `signing.${f}`, v, now);
  }
}

export interface Employer {
  name: string;
  npp: string | null;
  address: string | null;
  jkkClass: number;
  logo: string | null;
  signing: Signing;
  /** The Pemda's time zone: audit times, "today", printed dates. */
  zone: OfficeZone;
}

export async function getEmployer(ctx: CoreContext): Promise<Employer | null> {
  // One snapshot: the profile row, the signing rows and the zone as one save left them.
  return storeOf(ctx).tx('read', async (q) => {
    const r = await employerRepo.get(q);
    return r ? { ...r, signing: await getSigning(ctx), zone: await officeZone(ctx) } : null;
  });
}

export interface EmployerInput {
  name: string;
  npp?: string | null | undefined;
  address?: string | null | undefined;
  jkkClass: number;
  logo?: string | null | undefined;
  /** `undefined` keeps the signing settings; an object replaces them all (missing fields are cleared). */
  signing?: SigningInput | undefined;
  /** `undefined` keeps the zone. */
  zone?: OfficeZone | undefined;
}

export async function saveEmployer(ctx: CoreContext, e: EmployerInput): Promise<void> {
  await storeOf(ctx).tx('write', async (q) => {
    const before = await getEmployer(ctx);
    const npp = e.npp?.trim() || null;
    if (npp !== null && !/^[0-9A-Za-z.-]{4,20}$/.test(npp)) throw new SigapError('INVALID_INPUT', 'NPP hanya berisi angka/huruf, 4 sampai 20 karakter.');
    const after: Employer = {
      name: e.name.trim(),
      npp,
      address: e.address?.trim() || null,
      jkkClass: e.jkkClass,
      // `undefined` keeps the current logo; `null` removes it.
      logo: e.logo === undefined ? (before?.logo ?? null) : e.logo,
      signing: e.signing === undefined ? (before?.signing ?? (await getSigning(ctx))) : cleanSigning(e.signing),
      zone: e.zone ?? before?.zone ?? (await officeZone(ctx)),
    };
    const now = nowIso(ctx);
    await employerRepo.save(q, { name: after.name, npp: after.npp, address: after.address, jkkClass: after.jkkClass, logo: after.logo });
    await writeSigning(q, after.signing, now);
    if (after.zone !== before?.zone || !before) await putSetting(q, ZONE_KEY, after.zone, now);
    const strip = (x: Employer | null) => (x ? { ...x, logo: x.logo ? `(${x.logo.length} karakter)` : null } : null);
    await audit(ctx, { action: before ? 'update' : 'create', entity: 'employer', entityId: 1, summary: `Profil Pemda: ${after.name}`, before: strip(before), after: strip(after) });
  });
}

export interface OpdInput {
  id?: number | undefined;
  code: string;
  name: string;
  kind: 'opd' | 'village';
  budgetAccount?: string | null | undefined;
  address?: string | null | undefined;
  headName?: string | null | undefined; headNip?: string | null | undefined; headTitle?: string | null | undefined;
  pptkName?: string | null | undefined; pptkNip?: string | null | undefined;
  treasurerName?: string | null | undefined; treasurerNip?: string | null | undefined;
  /** The unit's employer registration (NPP); null: the Pemda's own; undefined: unchanged (new: the Pemda's). */
  registrationId?: number | null | undefined;
}

const COLS = {
  code: 'code', name: 'name', kind: 'kind', budgetAccount: 'budget_account', address: 'address',
  headName: 'head_name', headNip: 'head_nip', headTitle: 'head_title', pptkName: 'pptk_name', pptkNip: 'pptk_nip',
  treasurerName: 'treasurer_name', treasurerNip: 'treasurer_nip',
} as const;

/** Creates or edits a paying unit and its officials (the signature blocks of its invoices). */
export async function saveOpd(ctx: CoreContext, o: OpdInput): Promise<number> {
  return storeOf(ctx).tx('write', async (q) => {
    const row: Record<string, string | number | null> = {};
    for (const [k, col] of Object.entries(COLS)) {
      const v = (o as unknown as Record<string, string | null | undefined>)[k];
      row[col] = typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null;
    }
    row.name_key = unitKey(o.name);
    const reg = o.registrationId === undefined ? undefined : await requireRegistrationId(ctx, o.registrationId);
    const clash = await opdRepo.clash(q, row.code as string | null, row.name_key, o.id ?? null);
    if (clash) throw new SigapError('CONFLICT', `Kode atau nama OPD sudah dipakai oleh "${clash.name}".`);
    if (o.id === undefined) {
      const id = await opdRepo.insert(q, { ...row, registration_id: reg ?? null, created_at: nowIso(ctx) });
      await audit(ctx, { action: 'create', entity: 'opd', entityId: id, summary: `OPD ${row.name}`, after: { ...row, registration_id: reg ?? null } });
      return id;
    }
    const before = await opdRepo.columns(q, o.id, [...Object.keys(row), 'registration_id']);
    if (!before) throw new SigapError('NOT_FOUND', 'OPD tidak ditemukan.');
    // The NPP moves the unit's people to another registration from the next billing run and file on.
    if (reg !== undefined) row.registration_id = reg;
    const changed = Object.keys(row).filter((k) => row[k] !== before[k]);
    if (changed.length > 0) {
      await opdRepo.update(q, o.id, Object.fromEntries(changed.map((k) => [k, row[k] ?? null])));
      await audit(ctx, { action: 'update', entity: 'opd', entityId: o.id, summary: `OPD ${row.name} diubah`, before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, row[k]])) });
    }
    return o.id;
  });
}
