/** The reporting calls of the bridge contract: name -> { input, output } schemas. */
import { z } from 'zod';
import { empty, id, month, nothing, text } from './common';
import { FIELD_IDS, FUNDING_CODES, REPORT_KINDS, type FieldId } from '../sipp-layouts';

/** Long lists cross the bridge cut to this many entries; the counts beside them stay whole. */
export const BPJS_LIST_LIMIT = 2000;
/** Pending people per page. */
export const BPJS_PAGE_MAX = 500;

export const reportKind = z.enum(REPORT_KINDS);
export const fundingCode = z.enum(FUNDING_CODES);
export const bpjsProgram = z.enum(['JKK', 'JKM', 'JHT', 'JP']);
const fieldId = z.enum(FIELD_IDS as [FieldId, ...FieldId[]]);
const profileName = text(60).min(1);
const fileToken = z.string().regex(/^[a-f0-9]{32}$/);

/** What the branch would reject (error) or should look at (warning), naming the column. */
export const reportProblemDto = z.object({
  code: z.string(),
  field: z.string(),
  column: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
});
export type ReportProblemDto = z.infer<typeof reportProblemDto>;

/** One person's pre-flight problems; `personId` opens the person page. */
export const personProblemsDto = z.object({
  key: z.string(),
  personId: z.number().nullable(),
  nik: z.string(),
  name: z.string(),
  opdCode: z.string(),
  opd: z.string(),
  problems: z.array(reportProblemDto),
});
export type PersonProblemsDto = z.infer<typeof personProblemsDto>;

/** A remark on a whole batch's profile (said once, not per person), e.g. STATUS_KAWIN left empty. */
export const profileWarningDto = z.object({ code: z.string(), column: z.string(), message: z.string() });
export type ProfileWarningDto = z.infer<typeof profileWarningDto>;

/** One required column left empty for `count` people; `fillable` names the person field one step sets. */
export const requiredMissingDto = z.object({
  column: z.string(), field: z.string(), count: z.number(), fillable: z.enum(['postalCode', 'email', 'maritalStatus', 'workLocation']).nullable(),
});
export type RequiredMissingDto = z.infer<typeof requiredMissingDto>;

export const kindSummaryDto = z.object({
  kind: reportKind,
  pending: z.number(),
  ready: z.number(),
  /** Full counts; the lists hold at most BPJS_LIST_LIMIT people. */
  blockedCount: z.number(),
  warnedCount: z.number(),
  blocked: z.array(personProblemsDto),
  warned: z.array(personProblemsDto),
  /** Remarks on the built-in profile of the kind (the default), once per batch. */
  profileWarnings: z.array(profileWarningDto).optional(),
  /** Required columns left empty: "STATUS_KAWIN kosong untuk 40 orang", filled in one step when `fillable`. */
  requiredMissing: z.array(requiredMissingDto).optional(),
});
export type KindSummaryDto = z.infer<typeof kindSummaryDto>;

export const bpjsPreflight = z.object({
  asOf: z.string(),
  npp: z.string().nullable(),
  awaitingKpj: z.number(),
  kinds: z.array(kindSummaryDto),
});

/** Which pending people a page lists: all, ready (no problem), with warnings, or blocked by errors. */
export const pendingStatus = z.enum(['all', 'ready', 'warning', 'blocked']);
export type PendingStatus = z.infer<typeof pendingStatus>;

export const pendingInput = z
  .object({
    kind: reportKind,
    status: pendingStatus.optional(),
    offset: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(1).max(BPJS_PAGE_MAX).optional(),
  })
  .strict();

export const pendingRowDto = z.object({
  key: z.string(),
  personId: z.number(),
  nik: z.string(),
  name: z.string(),
  kpj: z.string().nullable(),
  opdCode: z.string(),
  opd: z.string(),
  position: z.string().nullable(),
  wage: z.number(),
  previousWage: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  status: z.enum(['ready', 'warning', 'blocked']),
  problems: z.array(reportProblemDto),
  /** The NPP the change is reported under (its unit's, else its category's, else the Pemda's). */
  npp: z.string().nullable(),
});
export type PendingRowDto = z.infer<typeof pendingRowDto>;

export const profileDto = z.object({
  id: z.number().nullable(),
  name: z.string(),
  kind: reportKind,
  sheetName: z.string(),
  builtin: z.boolean(),
  sourceFile: z.string().nullable(),
  /** The branch template file the batches are written into (same name, sheets and lists), or null. */
  templateFile: z.string().nullable().optional(),
  /** Rows per file when the branch takes fewer than 10,000 (null: 10,000). */
  rowsPerFile: z.number().int().nullable().optional(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** `value`: a constant text written in every row instead of a field. */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable(), value: z.string().optional(), required: z.boolean().optional() })),
  /** What the profile leaves empty that the portal may ask for (registrations: STATUS_KAWIN, LOKASI_PEKERJAAN). */
  warnings: z.array(profileWarningDto).optional(),
});
export type ProfileDto = z.infer<typeof profileDto>;

export const exportInput = z
  .object({
    kind: reportKind,
    profile: profileName.optional(),
    includeIncomplete: z.boolean().optional(),
    villageFunding: fundingCode.optional(),
  })
  .strict();

const fileDto = z.object({ name: z.string(), rows: z.number(), sha256: z.string(), bytes: z.number() });

export const exportResultDto = z.object({
  batchId: z.number().nullable(),
  /** One batch per NPP (bpjs/export.ts); each NPP's files in a folder named after it when there are several. */
  batches: z.array(z.object({ batchId: z.number(), npp: z.string(), rows: z.number() })),
  kind: reportKind,
  profile: z.string(),
  asOf: z.string(),
  createdAt: z.string(),
  folder: z.string(),
  rows: z.number(),
  incomplete: z.number(),
  files: z.array(fileDto.extend({ path: z.string() })),
  skippedCount: z.number(),
  skipped: z.array(personProblemsDto),
  warnings: z.array(profileWarningDto).optional(),
});
export type ExportResultDto = z.infer<typeof exportResultDto>;

export const batchDto = z.object({
  id: z.number(),
  kind: reportKind,
  status: z.enum(['submitted', 'cancelled']),
  profile: z.string(),
  npp: z.string(),
  asOf: z.string(),
  includeIncomplete: z.boolean(),
  rows: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  cancelReason: z.string().nullable(),
  files: z.array(fileDto.extend({ seq: z.number() })),
});
export type BatchDto = z.infer<typeof batchDto>;

/** A batch with its people (cut to BPJS_LIST_LIMIT; itemCount stays whole). */
export const batchDetailDto = batchDto.extend({
  itemCount: z.number(),
  items: z.array(z.object({ seq: z.number(), key: z.string(), personId: z.number().nullable(), nik: z.string(), name: z.string(), fileSeq: z.number(), problems: z.array(reportProblemDto) })),
});
export type BatchDetailDto = z.infer<typeof batchDetailDto>;

export const regeneratedDto = z.object({
  folder: z.string(),
  files: z.array(fileDto.extend({ seq: z.number(), path: z.string(), identical: z.boolean() })),
});

export const chosenFileDto = z.object({ token: fileToken, name: z.string(), size: z.number() });

export const templateResultDto = z.object({
  profile: profileDto,
  unknownHeaders: z.array(z.string()),
  missingHeaders: z.array(z.string()),
  sheet: z.string(),
  headerRow: z.number(),
});
export type TemplateResultDto = z.infer<typeof templateResultDto>;

/** A problem in a file the branch sent back, located as the clerk finds it. */
export const importProblemDto = z.object({
  sheet: z.string(),
  row: z.number(),
  column: z.string(),
  columnName: z.string(),
  code: z.string(),
  message: z.string(),
  nik: z.string().optional(),
  name: z.string().optional(),
  personId: z.number().nullable(),
});
export type ImportProblemDto = z.infer<typeof importProblemDto>;

export const kpjPreviewDto = z.object({
  previewId: fileToken,
  file: z.string(),
  sha256: z.string(),
  sheet: z.string(),
  rows: z.number(),
  counts: z.object({
    matched: z.number(), kpjNew: z.number(), kpjReplaced: z.number(), unchanged: z.number(),
    errors: z.number(), warnings: z.number(), unknownNik: z.number(), nameMismatch: z.number(),
  }),
  updates: z.array(z.object({ personId: z.number(), nik: z.string(), name: z.string(), kpj: z.string(), previousKpj: z.string().nullable(), memberSince: z.string().nullable(), row: z.number() })),
  errors: z.array(importProblemDto),
  warnings: z.array(importProblemDto),
});
export type KpjPreviewDto = z.infer<typeof kpjPreviewDto>;

const totalsDto = z.object({ JKK: z.number(), JKM: z.number(), JHT: z.number(), JP: z.number(), total: z.number() });
const reconPersonDto = z.object({
  personId: z.number().nullable(), nik: z.string().nullable(), kpj: z.string().nullable(), name: z.string(), opdCode: z.string().nullable(), rows: z.array(z.number()), amounts: totalsDto,
});
export type ReconPersonDto = z.infer<typeof reconPersonDto>;

export const reconcileDto = z.object({
  month: z.string(),
  file: z.string(),
  sha256: z.string(),
  sheet: z.string(),
  /** The NPP and segment compared (a bill is per NPP and segment); people billed under others were left out. */
  npp: z.string().nullable().optional(),
  segment: z.enum(['PU', 'BPU']).optional(),
  excluded: z.object({ otherSegment: z.number(), otherNpp: z.number() }).optional(),
  programs: z.array(bpjsProgram),
  /** Sigap's issued invoices of the month (none: everything the branch bills is "branch only"). */
  invoices: z.number(),
  persons: z.object({ branch: z.number(), sigap: z.number(), both: z.number(), equal: z.number() }),
  totals: z.object({ branch: totalsDto, sigap: totalsDto, difference: totalsDto }),
  counts: z.object({ onlyBranch: z.number(), onlySigap: z.number(), differences: z.number() }),
  onlyBranch: z.array(reconPersonDto),
  onlySigap: z.array(reconPersonDto),
  differences: z.array(z.object({
    personId: z.number().nullable(), nik: z.string().nullable(), kpj: z.string().nullable(), name: z.string(), opdCode: z.string().nullable(), rows: z.array(z.number()),
    program: bpjsProgram, branch: z.number(), sigap: z.number(), difference: z.number(),
  })),
  warnings: z.array(importProblemDto),
});
export type ReconcileDto = z.infer<typeof reconcileDto>;

const batchId = z.object({ batchId: id }).strict();

export const reportingCalls = {
  'bpjs.preflight': { input: empty, output: bpjsPreflight },
  'bpjs.pending': { input: pendingInput, output: z.object({ total: z.number(), counts: z.object({ ready: z.number(), warning: z.number(), blocked: z.number() }), rows: z.array(pendingRowDto) }) },
  'bpjs.profiles': { input: empty, output: z.array(profileDto) },
  'bpjs.export': { input: exportInput, output: exportResultDto.nullable() },
  'bpjs.batches': { input: empty, output: z.array(batchDto) },
  'bpjs.batch': { input: batchId, output: batchDetailDto },
  'bpjs.batchCancel': { input: z.object({ batchId: id, reason: text(200).optional() }).strict(), output: batchDto },
  'bpjs.batchRegenerate': { input: batchId, output: regeneratedDto.nullable() },
  'bpjs.chooseFile': { input: z.object({ purpose: z.enum(['template', 'kpj', 'bill']) }).strict(), output: chosenFileDto.nullable() },
  'bpjs.profileFromTemplate': { input: z.object({ token: fileToken, name: profileName, kind: reportKind.optional() }).strict(), output: templateResultDto },
  'bpjs.profileEdit': {
    input: z.object({
      name: profileName,
      sheetName: text(31).min(1).optional(),
      map: z.array(z.object({ header: text(200).min(1), field: fieldId.nullable() }).strict()).max(200).optional(),
      drop: z.array(text(200).min(1)).max(200).optional(),
      /** Header -> constant text (null clears it); checked by the core (STATUS_KAWIN Y/T, 60 characters, no formula). */
      set: z.array(z.object({ header: text(200).min(1), value: z.string().max(200).nullable() }).strict()).max(200).optional(),
      /** Rows per file, 1 to 10,000; null back to the portal's 10,000. */
      rowsPerFile: z.number().int().min(1).max(10_000).nullable().optional(),
      /** Header -> whether the portal requires the column: a row leaving it empty is blocked (bpjs/required.ts). */
      require: z.array(z.object({ header: text(200).min(1), required: z.boolean() }).strict()).max(200).optional(),
    }).strict(),
    output: profileDto,
  },
  'bpjs.profileCopy': { input: z.object({ from: profileName, name: profileName }).strict(), output: profileDto },
  'bpjs.profileDelete': { input: z.object({ name: profileName }).strict(), output: nothing },
  'bpjs.importKpjPreview': { input: z.object({ token: fileToken }).strict(), output: kpjPreviewDto },
  'bpjs.importKpjApply': { input: z.object({ previewId: fileToken }).strict(), output: z.object({ importId: z.number(), applied: z.number(), kpjFilled: z.number(), kpjReplaced: z.number() }) },
  'bpjs.reconcile': { input: z.object({ token: fileToken, month }).strict(), output: reconcileDto },
} as const;
