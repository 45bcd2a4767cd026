import type { CoreContext } from '../context';
import { readAppendix, type ReadOptions } from './read';
import { previewImport, type DecreeInput, type Preview } from './preview';
import { applyImport, type ApplyOptions, type ApplyResult } from './apply';

export type { Preview, DecreeInput } from './preview';
export type { ApplyResult } from './apply';
export type { Problem, ParsedRow, ReadResult, SheetLayout, LayoutOverride } from './types';
export { readAppendix } from './read';
export { previewImport } from './preview';
export { applyImport } from './apply';

export interface ImportRequest extends DecreeInput {
  path: string;
  label?: string;
  defaultUnit?: string;
  overrides?: ReadOptions['overrides'];
  onReadProgress?: (rows: number) => void;
}

/** Reads the file and checks it against the database. Writes nothing. */
export async function previewSk(ctx: CoreContext, req: ImportRequest): Promise<Preview> {
  const referenceYear = Number((req.date ?? req.tmt ?? ctx.clock().toISOString()).slice(0, 4));
  const read = await readAppendix(req.path, {
    referenceYear,
    ...(req.label ? { label: req.label } : {}),
    ...(req.defaultUnit ? { defaultUnit: req.defaultUnit } : {}),
    ...(req.overrides ? { overrides: req.overrides } : {}),
    ...(req.onReadProgress ? { onProgress: req.onReadProgress } : {}),
  });
  return previewImport(ctx, read, req);
}

/** Preview and apply in one call (the CLI path). */
export async function importSk(ctx: CoreContext, req: ImportRequest, opts: ApplyOptions = {}): Promise<{ preview: Preview; result: ApplyResult }> {
  const preview = await previewSk(ctx, req);
  return { preview, result: await applyImport(ctx, preview, opts) };
}
