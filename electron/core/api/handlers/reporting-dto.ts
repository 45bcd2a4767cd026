import type { CoreContext } from '../../context';
import { profileWarnings } from '../../bpjs/index';
import { personIdsByNik } from '../../bpjs/participants';
import type { BatchSummary, ExportResult, ImportProblem, KpjImportPreview, PersonProblems, ReconcileReport, StoredProfile } from '../../bpjs/index';
import {
  BPJS_LIST_LIMIT,
  type ExportResultDto, type ImportProblemDto, type KpjPreviewDto, type PersonProblemsDto, type ProfileDto, type ReconcileDto, type BatchDto,
} from '../../../../shared/contract/reporting-calls';

/*
 * What the reporting calls send across the bridge: the core's results with long lists cut to
 * BPJS_LIST_LIMIT (counts stay whole) and, wherever a person of the roster is named, the person's id so
 * the screen can link to the person page.
 */

const cut = <T>(xs: readonly T[]): T[] => xs.slice(0, BPJS_LIST_LIMIT);

export const personProblemsDto = (p: PersonProblems): PersonProblemsDto => ({
  key: p.key, personId: p.personId, nik: p.nik, name: p.name, opdCode: p.opdCode, opd: p.opd, problems: p.problems,
});

export function profileDto(p: StoredProfile): ProfileDto {
  return {
    id: p.id, name: p.name, kind: p.kind, sheetName: p.sheetName, builtin: p.builtin, sourceFile: p.sourceFile, templateFile: p.templateFile, rowsPerFile: p.rowsPerFile,
    createdAt: p.createdAt, updatedAt: p.updatedAt,
    columns: p.columns.map((c) => ({ header: c.header, field: c.field, ...(c.value !== undefined ? { value: c.value } : {}), ...(c.required ? { required: true } : {}) })),
    warnings: profileWarnings(p),
  };
}

export function exportResultDto(r: ExportResult, folder: string): ExportResultDto {
  return {
    batchId: r.batchId, kind: r.kind, profile: r.profile, asOf: r.asOf, createdAt: r.createdAt, folder, rows: r.rows, incomplete: r.incomplete,
    batches: (r.batches ?? []).map((b) => ({ batchId: b.batchId, npp: b.npp, rows: b.rows })),
    files: r.files.map((f) => ({ name: f.name, path: f.path, rows: f.rows, sha256: f.sha256, bytes: f.bytes })),
    skippedCount: r.skipped.length, skipped: cut(r.skipped).map(personProblemsDto), warnings: r.warnings,
  };
}

export function batchDto(b: BatchSummary): BatchDto {
  return {
    id: b.id, kind: b.kind, status: b.status, profile: b.profile, npp: b.npp, asOf: b.asOf, includeIncomplete: b.includeIncomplete, rows: b.rows,
    createdAt: b.createdAt, createdBy: b.createdBy, cancelledAt: b.cancelledAt, cancelledBy: b.cancelledBy, cancelReason: b.cancelReason,
    files: b.files.map((f) => ({ seq: f.seq, name: f.name, rows: f.rows, sha256: f.sha256, bytes: f.bytes })),
  };
}

function importProblemDto(p: ImportProblem, personId: (nik: string | undefined) => number | null): ImportProblemDto {
  return {
    sheet: p.sheet, row: p.row, column: p.column, columnName: p.columnName, code: p.code, message: p.message,
    ...(p.nik !== undefined ? { nik: p.nik } : {}), ...(p.name !== undefined ? { name: p.name } : {}), personId: personId(p.nik),
  };
}

export async function kpjPreviewDto(ctx: CoreContext, previewId: string, pv: KpjImportPreview): Promise<KpjPreviewDto> {
  const pid = await personIdsByNik(ctx, [...cut(pv.errors), ...cut(pv.warnings)].map((p) => p.nik));
  const count = (code: string) => pv.warnings.filter((w) => w.code === code).length;
  return {
    previewId, file: pv.file, sha256: pv.sha256, sheet: pv.sheet, rows: pv.rows,
    counts: {
      matched: pv.updates.length,
      kpjNew: pv.updates.filter((u) => u.previousKpj === null).length,
      kpjReplaced: pv.updates.filter((u) => u.previousKpj !== null && u.previousKpj !== u.kpj).length,
      unchanged: pv.updates.filter((u) => u.previousKpj === u.kpj).length,
      errors: pv.errors.length, warnings: pv.warnings.length, unknownNik: count('NIK_UNKNOWN'), nameMismatch: count('NAME_MISMATCH'),
    },
    updates: cut(pv.updates).map((u) => ({ personId: u.personId, nik: u.nik, name: u.name, kpj: u.kpj, previousKpj: u.previousKpj, memberSince: u.memberSince, row: u.row })),
    errors: cut(pv.errors).map((p) => importProblemDto(p, pid)),
    warnings: cut(pv.warnings).map((p) => importProblemDto(p, pid)),
  };
}

export async function reconcileDto(ctx: CoreContext, r: ReconcileReport, invoices: number): Promise<ReconcileDto> {
  const pid = await personIdsByNik(ctx, [...cut(r.onlyBranch), ...cut(r.onlySigap), ...cut(r.differences), ...cut(r.warnings)].map((p) => p.nik));
  const person = (p: ReconcileReport['onlyBranch'][number]) => ({ personId: pid(p.nik), nik: p.nik, kpj: p.kpj, name: p.name, opdCode: p.opdCode, rows: p.rows, amounts: p.amounts });
  return {
    month: r.month, file: r.file, sha256: r.sha256, sheet: r.sheet, npp: r.npp, segment: r.segment, excluded: r.excluded, programs: r.programs, invoices, persons: r.persons, totals: r.totals,
    counts: { onlyBranch: r.onlyBranch.length, onlySigap: r.onlySigap.length, differences: r.differences.length },
    onlyBranch: cut(r.onlyBranch).map(person),
    onlySigap: cut(r.onlySigap).map(person),
    differences: cut(r.differences).map((d) => ({ personId: pid(d.nik), nik: d.nik, kpj: d.kpj, name: d.name, opdCode: d.opdCode, rows: d.rows, program: d.program, branch: d.branch, sigap: d.sigap, difference: d.difference })),
    warnings: cut(r.warnings).map((p) => importProblemDto(p, pid)),
  };
}
