import { z } from 'zod';
import { id, isoDate, problem, text } from './common';
import { SK_FIELDS } from '../sk-fields';

export const FIELD_NAMES = SK_FIELDS;
export const fieldName = z.enum(FIELD_NAMES);

const columnIndex = z.number().int().min(0).max(500);
export const layoutOverride = z
  .object({
    headerRow: z.number().int().min(1).max(1000).optional(),
    columns: z.partialRecord(fieldName, columnIndex).optional(),
    skip: z.boolean().optional(),
  })
  .strict();

export const fileToken = z.string().regex(/^[a-f0-9]{32}$/);

export const skChosenFile = z.object({ token: fileToken, name: z.string(), size: z.number() }).nullable();

/** The first rows of every sheet as text, for adjusting columns when detection fails. */
export const skSheetHeads = z.object({
  sheets: z.array(z.object({ name: z.string(), rows: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })) })),
});
export type SkSheetHeadsDto = z.infer<typeof skSheetHeads>;

export const skPreviewInput = z
  .object({
    token: fileToken,
    number: text(120).optional(),
    date: isoDate.optional(),
    tmt: isoDate.optional(),
    tmtEnd: isoDate.optional(),
    categoryId: id.optional(),
    defaultUnit: text(150).optional(),
    mode: z.enum(['replace', 'amend']).optional(),
    overrides: z.record(text(100), layoutOverride).optional(),
  })
  .strict();

const diffPerson = z.object({ nik: z.string(), name: z.string(), opd: z.string(), honor: z.number() });
const diffChange = z.object({
  nik: z.string(), name: z.string(), fromOpd: z.string(), toOpd: z.string(), fromHonor: z.number(), toHonor: z.number(), moved: z.boolean(), honorChanged: z.boolean(),
});

export const sheetLayoutDto = z.object({
  sheet: z.string(),
  headerRows: z.array(z.number()),
  columns: z.partialRecord(fieldName, z.number()),
  labels: z.array(z.object({ index: z.number(), label: z.string(), field: fieldName.nullable() })),
  unitSource: z.enum(['column', 'group-rows', 'sheet-name', 'default', 'none']),
  dataRows: z.number(),
  sample: z.array(z.object({ row: z.number(), cells: z.array(z.string()) })),
});

/** What a unit name read from the file maps to (see electron/core/skimport/unit-resolve.ts). */
export const unitMappingDto = z.object({
  read: z.string(),
  rows: z.number(),
  status: z.enum(['exact', 'alias', 'proposed', 'new']),
  opdId: z.number().nullable(),
  opdName: z.string().nullable(),
  confidence: z.number(),
  via: z.enum(['exact', 'code', 'alias', 'abbreviation', 'similar']).nullable(),
});
export type UnitMappingDto = z.infer<typeof unitMappingDto>;

export const skPreview = z.object({
  previewId: fileToken,
  file: z.string(),
  sha256: z.string(),
  title: z.object({ number: z.string().nullable(), date: z.string().nullable(), subject: z.string().nullable(), signatory: z.string().nullable(), tmt: z.string().nullable() }),
  decree: z
    .object({ number: z.string(), date: z.string().nullable(), subject: z.string().nullable(), tmtStart: z.string(), tmtEnd: z.string(), categoryId: z.number(), category: z.string(), mode: z.enum(['replace', 'amend']) })
    .nullable(),
  blocking: z.array(z.object({ code: z.string(), message: z.string() })),
  sheets: z.array(sheetLayoutDto),
  rows: z.number(),
  accepted: z.number(),
  rejected: z.array(problem),
  warnings: z.array(problem),
  newUnits: z.array(z.string()),
  units: z.array(unitMappingDto),
  diff: z.object({ added: z.array(diffPerson), removed: z.array(diffPerson), changed: z.array(diffChange), unchanged: z.number() }),
  /** Full counts; the lists above hold at most PREVIEW_LIST_LIMIT entries each. */
  counts: z.object({ rejected: z.number(), warnings: z.number(), added: z.number(), removed: z.number(), changed: z.number() }),
});
export const PREVIEW_LIST_LIMIT = 5000;
export type SkPreviewDto = z.infer<typeof skPreview>;

/** Per name read: an existing unit's id, or `new` to create a unit with that name (remembered as an alias when an id). */
export const unitChoices = z.record(text(200), z.union([id, z.literal('new')]));
export const skApplyInput = z
  .object({
    previewId: fileToken,
    skipInvalid: z.boolean().optional(),
    units: unitChoices.optional(),
    /** Create every name with no proposal; accept every proposal as it stands. */
    createUnits: z.boolean().optional(),
    acceptProposals: z.boolean().optional(),
  })
  .strict();
export const skApplyResult = z.object({
  decreeId: z.number(), number: z.string(), persons: z.number(), created: z.number(), updated: z.number(), ended: z.number(), newUnits: z.number(),
});

export const decreeDto = z.object({
  id: z.number(),
  number: z.string(),
  date: z.string().nullable(),
  subject: z.string().nullable(),
  tmtStart: z.string(),
  tmtEnd: z.string().nullable(),
  category: z.string(),
  mode: z.enum(['replace', 'amend']),
  sourceFile: z.string().nullable(),
  importedAt: z.string(),
  importedBy: z.string(),
  persons: z.number(),
  active: z.number(),
});
export type DecreeDto = z.infer<typeof decreeDto>;

/** The blank SK appendix template saved where the clerk chose; null when the save dialog was cancelled. */
export const skTemplateSaved = z.object({ path: z.string() }).nullable();
