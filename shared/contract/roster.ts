import { z } from 'zod';
import { id, isoDate, month, optText, rupiah, text } from './common';
import { incidentDto, incidentKind } from './coverage-calls';

export const rosterFilter = z
  .object({
    month,
    search: text(100).optional(),
    opdId: id.optional(),
    categoryId: id.optional(),
    hasKpj: z.boolean().optional(),
    status: z.enum(['active', 'ended', 'all']).optional(),
    sort: z.enum(['name', 'nik', 'opd', 'honor', 'start']).optional(),
    desc: z.boolean().optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

/**
 * Set on a person's record for roles that may not see identity (shared/mask.ts): birthDate, address,
 * phone and motherName are then null because hidden, not because unknown, and only the birth year is given.
 */
const maskedIdentity = {
  birthYear: z.number().nullable().optional(),
  identityHidden: z.boolean().optional(),
};

export const rosterRow = z.object({
  personId: z.number(),
  engagementId: z.number(),
  nik: z.string(),
  name: z.string(),
  sex: z.enum(['L', 'P']).nullable(),
  birthPlace: z.string().nullable(),
  birthDate: z.string().nullable(),
  kpj: z.string().nullable(),
  opdId: z.number(),
  opd: z.string(),
  opdCode: z.string(),
  categoryId: z.number(),
  category: z.string(),
  segment: z.enum(['PU', 'BPU']),
  position: z.string().nullable(),
  honor: z.number(),
  reportedWage: z.number(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  decreeNumber: z.string().nullable(),
  active: z.boolean(),
  ...maskedIdentity,
});
export type RosterRowDto = z.infer<typeof rosterRow>;

export const rosterPage = z.object({ total: z.number(), rows: z.array(rosterRow) });

export const unitOption = z.object({ id: z.number(), code: z.string(), name: z.string(), kind: z.enum(['opd', 'village']) });
export const categoryOption = z.object({ id: z.number(), name: z.string(), segment: z.enum(['PU', 'BPU']), programs: z.string() });
export const rosterOptions = z.object({ opds: z.array(unitOption), categories: z.array(categoryOption), today: isoDate });

export const personFields = z
  .object({
    nik: text(40),
    name: text(150),
    birthPlace: optText(100),
    birthDate: isoDate.nullable().optional(),
    sex: z.enum(['L', 'P']).nullable().optional(),
    address: optText(300),
    phone: optText(30),
    motherName: optText(150),
    kpj: optText(20),
    // Migration 0120 (shared/person-contact.ts parses them in the core). Left out: kept as stored.
    postalCode: optText(20),
    email: optText(200),
    maritalStatus: optText(30),
    workLocation: optText(100),
  })
  .strict();

export const engagementFields = z
  .object({
    opdId: id,
    categoryId: id,
    position: optText(150),
    honor: rupiah,
    startDate: isoDate,
    endDate: isoDate.nullable().optional(),
  })
  .strict();

export const personCreate = z.object({ person: personFields, engagement: engagementFields }).strict();
export const personUpdate = z.object({ personId: id, person: personFields }).strict();
export const engagementEnd = z.object({ engagementId: id, endDate: isoDate, reason: text(200).min(3) }).strict();

export const engagementDto = z.object({
  id: z.number(),
  opd: z.string(),
  opdId: z.number(),
  category: z.string(),
  position: z.string().nullable(),
  honor: z.number(),
  reportedWage: z.number(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  decreeNumber: z.string().nullable(),
  decreeDate: z.string().nullable(),
  sourceSheet: z.string().nullable(),
  sourceRow: z.number().nullable(),
});

export const auditDto = z.object({
  id: z.number(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.number().nullable(),
  summary: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const personDetail = z.object({
  person: z.object({
    id: z.number(),
    nik: z.string(),
    name: z.string(),
    birthPlace: z.string().nullable(),
    birthDate: z.string().nullable(),
    sex: z.enum(['L', 'P']).nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    motherName: z.string().nullable(),
    kpj: z.string().nullable(),
    // Migration 0120; the core always sends them (optional keeps older replies and fixtures valid).
    postalCode: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    /** Y = kawin, T = tidak kawin (the portal's codes). */
    maritalStatus: z.enum(['Y', 'T']).nullable().optional(),
    workLocation: z.string().nullable().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    ...maskedIdentity,
  }),
  current: engagementDto.nullable(),
  engagements: z.array(engagementDto),
  audit: z.array(auditDto),
  nikWarnings: z.array(z.string()),
  // Added with the incident log; defaults keep older replies (without these fields) valid.
  /** The person's work accidents and deaths, newest first, with deadline status and benefit estimate. */
  incidents: z.array(incidentDto).default([]),
  /** The recorded death (an incident of a death kind), or null while the person is not recorded as deceased. */
  death: z.object({ incidentId: z.number(), date: z.string(), kind: incidentKind, kindLabel: z.string() }).nullable().default(null),
});
export type PersonDetailDto = z.infer<typeof personDetail>;

/** The columns a roster export may carry (electron/core/roster/export.ts), in the order the clerk reads them. */
export const ROSTER_EXPORT_COLUMNS = [
  'nik', 'name', 'sex', 'birthPlace', 'birthDate', 'kpj', 'opdCode', 'opd', 'category', 'segment', 'position', 'honor',
  'reportedWage', 'startDate', 'endDate', 'decreeNumber', 'postalCode', 'email', 'maritalStatus', 'workLocation',
] as const;

/** Pegawai › Unduh Excel: the list on screen (its filters and order), with the columns chosen. */
export const rosterExport = rosterFilter
  .omit({ offset: true, limit: true })
  .extend({ columns: z.array(z.enum(ROSTER_EXPORT_COLUMNS)).max(ROSTER_EXPORT_COLUMNS.length).optional() })
  .strict();
