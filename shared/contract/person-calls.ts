/**
 * "Lengkapi data pegawai" (Pegawai › Lengkapi data): a workbook per unit for OPD treasurers to fill,
 * and the filled file read back, previewed field by field and applied all or nothing. HR and admin only
 * (shared/roles.ts): the workbooks and the preview carry NIKs, mothers' names and addresses in full.
 */
import { z } from 'zod';
import { empty, id } from './common';
import { fileId } from './files-calls';
import { fileToken } from './sk';

/** The most people, unknown NIKs, conflicts and problems a preview lists; its counts stay whole. */
export const COMPLETION_LIST_LIMIT = 2000;

export const completionField = z.enum(['kpj', 'motherName', 'address', 'postalCode', 'phone', 'email', 'maritalStatus', 'workLocation']);

/** 24 letters (no digits, so identity masking never touches it). */
const previewId = z.string().regex(/^[a-z]{24}$/);

/** The units chosen, or `all`: every unit with someone engaged today. */
export const completionTemplateInput = z.object({ opdIds: z.array(id).max(2000).optional(), all: z.boolean().optional() }).strict();

export const completionTemplateResult = z.object({
  folder: z.string(),
  files: z.array(z.object({ path: z.string(), name: z.string(), opdId: z.number(), unit: z.string(), code: z.string(), rows: z.number() })),
  fileId: fileId.optional(),
});

const place = { sheet: z.string(), row: z.number() };

export const completionPreview = z.object({
  previewId,
  file: z.string(),
  sheets: z.array(z.object({ name: z.string(), headerRow: z.number(), columns: z.array(z.object({ letter: z.string(), header: z.string(), field: z.string() })) })),
  rowsRead: z.number(),
  matched: z.number(),
  unchanged: z.number(),
  fieldsChanged: z.number(),
  errors: z.number(),
  counts: z.object({ people: z.number(), unknown: z.number(), conflicts: z.number(), problems: z.number() }),
  people: z.array(z.object({
    personId: z.number(), nik: z.string(), name: z.string(), ...place,
    changes: z.array(z.object({ field: completionField, old: z.string().nullable(), new: z.string() })),
  })),
  unknown: z.array(z.object({ ...place, nik: z.string(), name: z.string().nullable() })),
  conflicts: z.array(z.object({ nik: z.string(), name: z.string(), field: completionField, values: z.array(z.object({ ...place, value: z.string() })) })),
  problems: z.array(z.object({ ...place, column: z.string(), columnName: z.string(), code: z.string(), message: z.string(), severity: z.enum(['error', 'warning']), nik: z.string().optional() })),
});
export type CompletionPreviewDto = z.infer<typeof completionPreview>;

export const personCalls = {
  /** Chooses a folder through the host and writes `lengkapi-data-<kode>.xlsx` per unit; null when cancelled. */
  'person.completion.template': { input: completionTemplateInput, output: completionTemplateResult.nullable() },
  'person.completion.chooseFile': { input: empty, output: z.object({ token: fileToken, name: z.string(), size: z.number() }).nullable() },
  'person.completion.preview': { input: z.object({ token: fileToken }).strict(), output: completionPreview },
  /** `skipInvalid`: apply without the refused cells and conflicting fields (else such a preview is refused). */
  'person.completion.apply': { input: z.object({ previewId, skipInvalid: z.boolean().optional() }).strict(), output: z.object({ persons: z.number(), fields: z.number() }) },
} as const;
