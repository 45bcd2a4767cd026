import type { SkPreviewDto } from '../../../../shared/contract/index';
import type { FieldName } from '../../labels';
import type { Overrides } from './decree-form';

/** One sheet in the column editor: which row holds the labels, and which field each column is. */
export interface SheetMapping {
  sheet: string;
  headerRow: number | null;
  /** Column index -> field; a field belongs to at most one column. */
  fields: Record<number, FieldName>;
  skip: boolean;
}

type Layout = SkPreviewDto['sheets'][number];

/** The editor's starting point: what the last preview used, or nothing for a sheet it could not read. */
export function detectedMapping(sheet: string, layout: Layout | undefined, skipped = false): SheetMapping {
  const fields: Record<number, FieldName> = {};
  for (const [f, idx] of Object.entries(layout?.columns ?? {})) if (idx !== undefined) fields[idx] = f as FieldName;
  return { sheet, headerRow: layout?.headerRows[0] ?? null, fields, skip: skipped };
}

/** Gives `field` to column `index`, taking it away from any other column. `null` clears the column. */
export function assignField(m: SheetMapping, index: number, field: FieldName | null): SheetMapping {
  const fields: Record<number, FieldName> = {};
  for (const [i, f] of Object.entries(m.fields)) if (f !== field && Number(i) !== index) fields[Number(i)] = f;
  if (field !== null) fields[index] = field;
  return { ...m, fields };
}

function sameFields(a: Record<number, FieldName>, b: Record<number, FieldName>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[Number(k)] === a[Number(k)]);
}

/**
 * What to send the importer, on top of what was sent before (the preview's layout already shows
 * earlier adjustments, so a sheet left alone keeps them). The header row goes only when it changed,
 * because an override header row also ends the header there: a detected two-row header or a row of
 * column numbers would otherwise be read as data.
 */
export function overridesFrom(mappings: SheetMapping[], detected: Record<string, SheetMapping>, previous: Overrides): Overrides {
  const out: Overrides = {};
  for (const m of mappings) {
    if (m.skip) {
      out[m.sheet] = { skip: true };
      continue;
    }
    const { skip: _wasSkipped, ...before } = previous[m.sheet] ?? {};
    const d = detected[m.sheet];
    const headerChanged = m.headerRow !== null && m.headerRow !== (d?.headerRow ?? null);
    const fieldsChanged = Object.keys(m.fields).length > 0 && (!d || !sameFields(m.fields, d.fields));
    const next = {
      ...before,
      ...(headerChanged ? { headerRow: m.headerRow! } : {}),
      ...(fieldsChanged ? { columns: Object.fromEntries(Object.entries(m.fields).map(([i, f]) => [f, Number(i)])) } : {}),
    };
    if (Object.keys(next).length > 0) out[m.sheet] = next;
  }
  return out;
}

/** A mapping the importer can use needs at least the name and the NIK. */
export function missingEssentials(m: SheetMapping): FieldName[] {
  if (m.skip) return [];
  const have = new Set(Object.values(m.fields));
  return (['name', 'nik'] as FieldName[]).filter((f) => !have.has(f));
}
