/**
 * The roster as the clerk sees it on Pegawai (month, unit, category, KPJ filter, search, order) written
 * to Excel: a list to send. Streamed (exceljs's streaming writer; 100,000 people stay flat in memory),
 * NIK and KPJ as text (Excel would otherwise round a 16-digit NIK), formula-safe, and masked for the roles
 * that see them masked on screen (finance, viewer: `1804********0001`, birth year only; the contact
 * fields of migration 0120 `disembunyikan`, as on the person page).
 */
import type { CoreContext } from '../context';
import { identityFor } from '../context';
import { writeXlsxStream } from '../files/xlsx-write';
import { streamRoster, type RosterFilter } from './query';
import type { RosterContact, RosterRow } from './roster-repository';
import { CONTACT_EXPORT_COLUMNS, DEFAULT_ROSTER_COLUMNS, ROSTER_COLUMN_HEADERS, type RosterColumn } from '../../../shared/roster-export-columns';
import { HIDDEN } from '../../../shared/mask';

export { DEFAULT_ROSTER_COLUMNS, type RosterColumn };
/** Each column's header (shared with the renderer's column chooser). */
export const ROSTER_COLUMNS = ROSTER_COLUMN_HEADERS;

const NUMERIC: ReadonlySet<RosterColumn> = new Set(['honor', 'reportedWage']);

/** Writes the filtered roster to `path`; returns the number of people written. */
export async function exportRoster(ctx: CoreContext, filter: Omit<RosterFilter, 'offset' | 'limit'>, columns: readonly RosterColumn[], path: string): Promise<number> {
  const cols = columns.length > 0 ? columns : DEFAULT_ROSTER_COLUMNS;
  const id = identityFor(ctx);
  const masked = ctx.seesIdentity === false;
  // The contact fields are not on screen: read with the rows only when a column asks (and shown to no
  // masked role). Rows stream from the store; nothing below queries while they do.
  const withContact = !masked && cols.some((c) => CONTACT_EXPORT_COLUMNS.has(c));
  const cell = (r: RosterRow & Partial<RosterContact>, c: RosterColumn): string | number | null => {
    switch (c) {
      case 'nik': return id(r.nik);
      case 'kpj': return id(r.kpj);
      // As on screen for these roles: the year, never the day (with the sex it would give NIK digits back).
      case 'birthDate': return masked ? (r.birthDate?.slice(0, 4) ?? null) : r.birthDate;
      case 'postalCode': case 'email': case 'maritalStatus': case 'workLocation': return masked ? HIDDEN : (r[c] ?? null);
      default: return r[c] ?? null;
    }
  };
  let no = 0;
  async function* data(): AsyncGenerator<(string | number | null)[]> {
    for await (const r of streamRoster(ctx, filter, withContact)) yield [++no, ...cols.map((c) => cell(r, c))];
  }
  await writeXlsxStream(path, [{
    name: `Pegawai ${filter.month}`,
    header: ['No', ...cols.map((c) => (c === 'birthDate' && masked ? 'Tahun lahir' : ROSTER_COLUMNS[c]))],
    rows: data(),
    numeric: [0, ...cols.flatMap((c, i) => (NUMERIC.has(c) ? [i + 1] : []))],
    widths: [6, ...cols.map((c) => (c === 'name' || c === 'opd' || c === 'category' ? 32 : c === 'nik' ? 20 : 14))],
  }]);
  return no;
}
