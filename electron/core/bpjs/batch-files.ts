import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import { batchFileName, type ReportKind } from '../../../shared/sipp-layouts';
import { writeBytesOwnerOnly } from '../files/parts';
import { fillTemplate } from './template-fill';
import { getTemplate } from './template-store';
import { writeSippWorkbook, type WrittenFile } from './writer';

/*
 * A batch's files: Sigap's own workbook, or, when the profile was made from the branch office's template
 * file, a copy of that file with the rows written in (template-fill.ts).
 *
 * The portal refuses a renamed template (a "(1)" or "_1" suffix, domain.md section 8), so a filled copy
 * keeps the template's file name exactly. Several files of a day, or the parts of a batch over 10,000
 * rows, cannot then share a folder: each goes into its own folder named as Sigap names its own files
 * (`data_tk_baru_18040012_20260115_01/<template name>`). The folder tells the clerk which part and day it
 * is; the file inside is the branch's file, name unchanged.
 */

/** The name a batch file is recorded under (relative to the output folder). */
export function batchFileNames(kind: ReportKind, npp: string, day: string, first: number, count: number, templateFile: string | null): string[] {
  return Array.from({ length: count }, (_, i) => {
    const own = batchFileName(kind, npp, day, first + i);
    return templateFile ? `${own.replace(/\.xlsx$/, '')}/${templateFile}` : own;
  });
}

/** The day's number of a recorded file name, either form. */
export function fileNumberOf(name: string): number {
  return Number(/_(\d+)(?:\.xlsx$|\/)/.exec(name)?.[1] ?? 0);
}

export interface BatchSheet {
  sheetName: string;
  headers: string[];
  rows: Iterable<string[]>;
  /** The template the profile fills (bpjs_template.id), or null for Sigap's own workbook. */
  templateId: number | null;
}

/**
 * Writes one file of a batch at `path` (through an owner-only part; its folder made if needed): the same content always gives the
 * same bytes, so a regenerated batch can be compared with what was recorded.
 */
export async function writeBatchFile(ctx: CoreContext, path: string, sheet: BatchSheet, at: Date): Promise<WrittenFile> {
  if (sheet.templateId === null) return writeSippWorkbook(path, sheet, at);
  const t = await getTemplate(ctx, sheet.templateId);
  if (!t) throw new SigapError('NOT_FOUND', `Templat kantor cabang (nomor ${sheet.templateId}) tidak ada di basis data.`);
  const filled = fillTemplate(t.bytes, t, sheet.headers, sheet.rows);
  writeBytesOwnerOnly(path, filled.bytes);
  return { rows: filled.rows, sha256: createHash('sha256').update(filled.bytes).digest('hex'), bytes: filled.bytes.length };
}
