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
import { queryRoster, type RosterRow } from './query';
import type { RosterFilter } from './query';
import { CONTACT_EXPORT_COLUMNS, DEFAULT_ROSTER_COLUMNS, ROSTER_COLUMN_HEADERS, type RosterColumn } from '../../../shared/roster-export-columns';
import { CONTACT_COLUMNS, type ContactField } from '../../../shared/person-contact';
import { HIDDEN } from '../../../shared/mask';

export { DEFAULT_ROSTER_COLUMNS, type RosterColumn };
/** Each column's header (shared with the renderer's column chooser). */
export const ROSTER_COLUMNS = ROSTER_COLUMN_HEADERS;

const NUMERIC: ReadonlySet<RosterColumn> = new Set(['honor', 'reportedWage']);

/** Writes the filtered roster to `path`; returns the number of people written. */
export async function exportRoster(ctx: CoreContext, filter: Omit<RosterFilter, 'offset' | 'limit'>, columns: readonly RosterColumn[], path: string): Promise<number> {
  const cols = columns.length > 0 ? columns : DEFAULT_ROSTER_COLUMNS;
  const { rows } = queryRoster(ctx, filter);
  const id = identityFor(ctx);
  const masked = ctx.seesIdentity === false;
  // The contact fields are not in the roster's rows: read per person, and only when a column asks.
  const contactStmt = cols.some((c) => CONTACT_EXPORT_COLUMNS.has(c))
    ? ctx.db.prepare('SELECT postal_code, email, marital_status, work_location FROM person WHERE id = ?')
    : null;
  let contactOf: { id: number; row: Record<string, string | null> } | null = null;
  const contact = (personId: number, field: ContactField): string | null => {
    if (masked) return HIDDEN;
    if (contactOf?.id !== personId) contactOf = { id: personId, row: (contactStmt!.get(personId) ?? {}) as Record<string, string | null> };
    return contactOf.row[CONTACT_COLUMNS[field]] ?? null;
  };
  const cell = (r: RosterRow, c: RosterColumn): string | number | null => {
    switch (c) {
      case 'nik': return id(r.nik);
      case 'kpj': return id(r.kpj);
      // As on screen for these roles: the year, never the day (with the sex it would give NIK digits back).
      case 'birthDate': return masked ? (r.birthDate?.slice(0, 4) ?? null) : r.birthDate;
      case 'postalCode': case 'email': case 'maritalStatus': case 'workLocation': return contact(r.personId, c);
      default: return r[c] ?? null;
    }
  };
  function* data(): Generator<(string | number | null)[]> {
    let no = 0;
    for (const r of rows) yield [++no, ...cols.map((c) => cell(r, c))];
  }
  await writeXlsxStream(path, [{
    name: `Pegawai ${filter.month}`,
    header: ['No', ...cols.map((c) => (c === 'birthDate' && masked ? 'Tahun lahir' : ROSTER_COLUMNS[c]))],
    rows: data(),
    numeric: [0, ...cols.flatMap((c, i) => (NUMERIC.has(c) ? [i + 1] : []))],
    widths: [6, ...cols.map((c) => (c === 'name' || c === 'opd' || c === 'category' ? 32 : c === 'nik' ? 20 : 14))],
  }]);
  return rows.length;
}
