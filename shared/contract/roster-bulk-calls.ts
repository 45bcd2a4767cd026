/** Bulk edit on a selection of the roster (Pegawai: tick people one by one, or "all shown"). */
import { z } from 'zod';
import { id, text } from './common';
import { rosterFilter } from './roster';

/** The person fields a bulk edit may set: those that make sense for many people at once (migration 0120). */
export const BULK_FIELDS = ['maritalStatus', 'workLocation', 'postalCode'] as const;
export type BulkField = (typeof BULK_FIELDS)[number];

/** The most people a preview lists by name; the counts stay whole. */
export const BULK_LIST_LIMIT = 200;
/** The most ids a selection may carry: past that, "all shown" sends the filter instead. */
export const BULK_MAX_IDS = 10_000;

/**
 * Who is selected: people ticked one by one, or the whole filtered list (the filter itself travels,
 * never 100,000 ids) less those unticked afterwards.
 */
export const bulkSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), personIds: z.array(id).min(1).max(BULK_MAX_IDS) }).strict(),
  z.object({
    kind: z.literal('filter'),
    filter: rosterFilter.omit({ offset: true, limit: true }),
    except: z.array(id).max(BULK_MAX_IDS).optional(),
  }).strict(),
]);
export type BulkSelectionDto = z.infer<typeof bulkSelection>;

/** A preview's id: 24 letters (no digits, so identity masking never touches it). */
const previewId = z.string().regex(/^[a-z]{24}$/);

export const bulkPreviewInput = z.object({ selection: bulkSelection, field: z.enum(BULK_FIELDS), value: text(120) }).strict();

export const bulkPreview = z.object({
  previewId,
  field: z.enum(BULK_FIELDS),
  label: z.string(),
  /** The stored value (`Y`, `34812`, `KANTOR BUPATI`), or null to empty the field. */
  value: z.string().nullable(),
  selected: z.number(),
  changing: z.number(),
  unchanged: z.number(),
  /** How many change from each old value (null = empty), most first. */
  groups: z.array(z.object({ from: z.string().nullable(), count: z.number() })),
  /** The first BULK_LIST_LIMIT people who change, in the list's order. */
  people: z.array(z.object({ personId: z.number(), nik: z.string(), name: z.string(), from: z.string().nullable() })),
});
export type BulkPreviewDto = z.infer<typeof bulkPreview>;

export const rosterBulkCalls = {
  'roster.bulkPreview': { input: bulkPreviewInput, output: bulkPreview },
  'roster.bulkApply': { input: z.object({ previewId }).strict(), output: z.object({ changed: z.number() }) },
} as const;
