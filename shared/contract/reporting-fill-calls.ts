/**
 * Reporting settings and the one-step fill: the SEBAB_NA code of each kind of end reason (migration
 * 0200), and setting a required column (STATUS_KAWIN, LOKASI_PEKERJAAN...) for the people the
 * pre-flight found it empty for, per person or as one value for all. Gated by the `bpjs.` rule
 * (admin, hr); the writing calls are audited in the core.
 */
import { z } from 'zod';
import { text } from './common';
import { REPORT_KINDS } from '../sipp-layouts';

const naReason = z.enum(['resign', 'retirement', 'dismissal', 'contract_end']);
const contactField = z.enum(['postalCode', 'email', 'maritalStatus', 'workLocation']);
const kind = z.enum(REPORT_KINDS);

export const naReasonDto = z.object({
  reason: naReason,
  label: z.string(),
  code: z.string(),
  source: z.string(),
  confidence: z.enum(['H', 'M', 'L']),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type NaReasonDto = z.infer<typeof naReasonDto>;

export const missingPersonDto = z.object({ personId: z.number(), nik: z.string(), name: z.string(), opdCode: z.string(), opd: z.string() });
export type MissingPersonDto = z.infer<typeof missingPersonDto>;

/** The most people the fill table lists; a fixed value reaches every one of them (`all`). */
export const FILL_LIST_LIMIT = 2000;

/** The pre-flight of one kind for the profile the clerk chose (the preflight call checks the built-in ones). */
export const profileCheckDto = z.object({
  pending: z.number(), ready: z.number(), blockedCount: z.number(), warnedCount: z.number(),
  requiredMissing: z.array(z.object({ column: z.string(), field: z.string(), count: z.number(), fillable: contactField.nullable() })),
});

export const reportingFillCalls = {
  'bpjs.profileCheck': { input: z.object({ kind, profile: text(60).min(1) }).strict(), output: profileCheckDto },
  'bpjs.naReasons': { input: z.object({}).strict(), output: z.array(naReasonDto) },
  'bpjs.saveNaReason': {
    input: z.object({ reason: naReason, code: text(40).min(1), source: text(200).optional(), note: text(300).nullable().optional() }).strict(),
    output: naReasonDto,
  },
  'bpjs.requiredPeople': {
    input: z.object({ kind, column: text(200).min(1), profile: text(60).min(1).optional() }).strict(),
    output: z.object({ total: z.number(), people: z.array(missingPersonDto) }),
  },
  'bpjs.fillRequired': {
    input: z.object({
      field: contactField,
      /** Per person: what the clerk chose for each. */
      entries: z.array(z.object({ personId: z.number().int().positive(), value: text(120) }).strict()).max(FILL_LIST_LIMIT).optional(),
      /** One value for everyone the column is empty for (the core finds them again, however many). */
      all: z.object({ kind, column: text(200).min(1), profile: text(60).min(1).optional(), value: text(120).min(1) }).strict().optional(),
    }).strict(),
    output: z.object({ field: contactField, changed: z.number(), unchanged: z.number() }),
  },
} as const;
