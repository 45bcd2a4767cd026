import { z } from 'zod';

/** Bounded primitives: every string from the renderer has a length limit, every number a range. */
export const text = (max = 200) => z.string().max(max);
export const optText = (max = 200) => z.string().max(max).nullable().optional();
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tanggal harus YYYY-MM-DD');
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan harus YYYY-MM');
export const rupiah = z.number().int().min(0).max(1_000_000_000_000);
export const empty = z.object({}).strict();
export const nothing = z.null();

export const problem = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  columnName: z.string(),
  code: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  nik: z.string().optional(),
  name: z.string().optional(),
});
export type ProblemDto = z.infer<typeof problem>;

export const progressEvent = z.object({
  task: z.string(),
  phase: z.string(),
  done: z.number(),
  total: z.number().nullable(),
});
export type ProgressEvent = z.infer<typeof progressEvent>;
