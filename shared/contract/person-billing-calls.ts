/**
 * The person page's billing rules (what a person is billed under in a month: programs, JKK class and
 * where it comes from, when JP stops) and the per-person exceptions, as bridge calls.
 */
import { z } from 'zod';
import { id, month, nothing, optText, text } from './common';
import { PROGRAMS } from './settings';

const program = z.enum(PROGRAMS);

export const personExceptionDto = z.object({
  id: z.number(),
  personId: z.number(),
  fromMonth: z.string(),
  toMonth: z.string().nullable(),
  programs: z.array(program).nullable(),
  jkkClass: z.number().nullable(),
  reason: z.string(),
  source: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** "Pengecualian: hanya JKK+JKM mulai Maret 2026, SK 800/12/2026". */
  sentence: z.string(),
  /** Whether it covers the month asked about. */
  active: z.boolean(),
});
export type PersonExceptionDto = z.infer<typeof personExceptionDto>;

export const personBillingDto = z.object({
  month: z.string(),
  /** The engagement billed in the month (the latest in force); null when none is. */
  category: z.string().nullable(),
  segment: z.enum(['PU', 'BPU']).nullable(),
  unit: z.string().nullable(),
  categoryPrograms: z.array(program),
  /** What the person is billed and reported with in the month (exception, retirement age applied). */
  programs: z.array(program),
  jkkClass: z.number().nullable(),
  /** Where the class comes from: "pengecualian", "kategori", "NPP 18040099 (RSUD Liwa)", "Pemda (NPP ...)". */
  jkkClassFrom: z.string().nullable(),
  /** The JP rule for a person whose programs include JP; null otherwise. */
  jp: z.object({ stopped: z.boolean(), sentence: z.string() }).nullable(),
  exceptions: z.array(personExceptionDto),
});
export type PersonBillingDto = z.infer<typeof personBillingDto>;

export const personExceptionAdd = z.object({
  personId: id,
  fromMonth: month,
  toMonth: month.nullable().optional(),
  programs: z.array(program).max(4).nullable().optional(),
  jkkClass: z.number().int().min(1).max(5).nullable().optional(),
  reason: text(300),
  source: optText(200),
}).strict();

export const personBillingCalls = {
  'person.billing': { input: z.object({ personId: id, month: month.optional() }).strict(), output: personBillingDto },
  'person.addException': { input: personExceptionAdd, output: z.object({ id: z.number() }) },
  'person.endException': { input: z.object({ id, lastMonth: month }).strict(), output: nothing },
} as const;
