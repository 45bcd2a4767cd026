import { z } from 'zod';
import { id, isoDate, optText, text } from './common';
import { ZONES } from '../zone';

/** A logo travels as a data URL (PNG or JPEG, at most ~700 KB). */
export const logoDataUrl = z.string().max(1_000_000).regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'logo harus gambar PNG atau JPEG');

/**
 * Who signs the Pemda-wide documents (the month recap, reminder letters) and where: the finance office
 * that bills the units (BPKAD / Badan Keuangan Daerah), its head, and the official who prepares the
 * recap. Every field may be empty; an empty name or NIP prints a dotted line to fill in by hand.
 */
export const signingDto = z.object({
  /** The town in "Place, date" above signatures (e.g. "Liwa"); empty falls back to a guess from the Pemda name. */
  place: z.string().nullable(),
  /** The billing office as printed under the Pemda in the letterhead. */
  office: z.string().nullable(),
  headName: z.string().nullable(), headNip: z.string().nullable(), headTitle: z.string().nullable(),
  preparerName: z.string().nullable(), preparerNip: z.string().nullable(), preparerTitle: z.string().nullable(),
});
export type SigningDto = z.infer<typeof signingDto>;

/**
 * The town guessed from the Pemda's name (`Pemerintah Kabupaten Contoh` -> `Contoh`): only the
 * suggestion and the fallback while the signing place is empty (a regency's seat is often another town).
 */
export function guessSigningPlace(pemda: string): string | null {
  const m = /^\s*(?:pemerintah\s+)?(?:kabupaten|kab\.|kota|provinsi|prov\.)\s+(.+?)\s*$/i.exec(pemda);
  return m ? m[1]! : null;
}

export const employerDto = z.object({
  name: z.string(),
  npp: z.string().nullable(),
  address: z.string().nullable(),
  jkkClass: z.number().int().min(1).max(5),
  logo: z.string().nullable(),
  /** Absent from older callers; the core always fills it. */
  signing: signingDto.optional(),
  zone: z.enum(ZONES).optional(),
});
export type EmployerDto = z.infer<typeof employerDto>;

const official = optText(150);
const nip = z.string().regex(/^\d{18}$/, 'NIP harus 18 angka').nullable().optional().or(z.literal(''));

/** NIPs may arrive grouped with spaces; the core strips them and checks 18 digits with a message naming the official. */
const signingNip = optText(30);

export const signingSave = z
  .object({
    place: optText(60),
    office: optText(200),
    headName: official, headNip: signingNip, headTitle: official,
    preparerName: official, preparerNip: signingNip, preparerTitle: official,
  })
  .strict();

export const employerSave = z
  .object({
    name: text(200).min(3),
    npp: optText(20),
    address: optText(300),
    jkkClass: z.number().int().min(1).max(5),
    logo: logoDataUrl.nullable().optional(),
    /** Omitted: the signing settings stay as they are. Given: replaces them all (a missing field clears it). */
    signing: signingSave.optional(),
    /** Omitted: the zone stays as it is. */
    zone: z.enum(ZONES).optional(),
  })
  .strict();

export const opdSave = z
  .object({
    id: id.optional(),
    code: text(20).min(1),
    name: text(200).min(3),
    kind: z.enum(['opd', 'village']),
    budgetAccount: optText(60),
    address: optText(300),
    headName: official, headNip: nip, headTitle: official,
    pptkName: official, pptkNip: nip,
    treasurerName: official, treasurerNip: nip,
    /** The employer registration (NPP) the unit's people are billed and reported under; null: the Pemda's. Omitted: unchanged. */
    registrationId: id.nullable().optional(),
  })
  .strict();

export const opdDto = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['opd', 'village']),
  budgetAccount: z.string().nullable(),
  address: z.string().nullable(),
  headName: z.string().nullable(), headNip: z.string().nullable(), headTitle: z.string().nullable(),
  pptkName: z.string().nullable(), pptkNip: z.string().nullable(),
  treasurerName: z.string().nullable(), treasurerNip: z.string().nullable(),
  active: z.number(),
  registrationId: z.number().nullable(),
});
export type OpdDto = z.infer<typeof opdDto>;

export const appInfo = z.object({
  version: z.string(),
  today: isoDate,
  employer: employerDto.nullable(),
  counts: z.object({ persons: z.number(), decrees: z.number(), opds: z.number() }),
});

export const dashboard = z.object({
  month: z.string(),
  active: z.number(),
  byOpd: z.array(z.object({ opdId: z.number(), opd: z.string(), count: z.number() })),
  byCategory: z.array(z.object({ categoryId: z.number(), category: z.string(), segment: z.enum(['PU', 'BPU']), count: z.number() })),
  decreesThisYear: z.number(),
  withoutKpj: z.number(),
});

/** The BPJS Ketenagakerjaan programs a category can take, in the order they are shown and stored. */
export const PROGRAMS = ['JKK', 'JKM', 'JHT', 'JP'] as const;
export type Program = (typeof PROGRAMS)[number];

/** A staff category; the core checks the program rules (JKK+JKM always, JP for PU only) with Indonesian messages. */
export const categorySave = z
  .object({
    id: id.optional(),
    name: text(100),
    segment: z.enum(['PU', 'BPU']),
    programs: z.array(z.enum(PROGRAMS)).max(4),
    /** 1 to 5; null follows the class of the employer registration (NPP). */
    jkkClass: z.number().int().min(1).max(5).nullable(),
    enrolled: z.boolean(),
    /** The category's employer registration (NPP), used where the unit has none; null: the Pemda's. Omitted: unchanged. */
    registrationId: id.nullable().optional(),
  })
  .strict();

export const categoryDto = z.object({
  id: z.number(),
  name: z.string(),
  segment: z.enum(['PU', 'BPU']),
  programs: z.array(z.enum(PROGRAMS)),
  jkkClass: z.number().nullable(),
  enrolled: z.boolean(),
  /** People with an engagement in force today. */
  active: z.number(),
  /** SKs and engagements naming the category; when either is above 0 its segment cannot change. */
  decrees: z.number(),
  engagements: z.number(),
  registrationId: z.number().nullable(),
});
export type CategoryDto = z.infer<typeof categoryDto>;

export const categoryList = z.object({ employerJkkClass: z.number(), categories: z.array(categoryDto) });
export const categorySaved = z.object({ id: z.number(), draftMonths: z.array(z.string()) });

/** Another name a clerk's files use for a unit ("DINKES" for Dinas Kesehatan). */
export const unitAliasDto = z.object({
  id: z.number(), alias: z.string(), opdId: z.number(), opdCode: z.string(), opdName: z.string(), createdAt: z.string(), createdBy: z.string(),
});
export type UnitAliasDto = z.infer<typeof unitAliasDto>;
export const unitAliasSave = z.object({ alias: text(200).min(1), opdId: id }).strict();
