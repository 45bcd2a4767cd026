/** The SQL behind the letterhead and the paying unit's header on invoices, recaps and reminder letters. */
import { sql } from '../store/sql';
import type { Queries } from '../store/store';

export interface EmployerLetterheadRow { name: string; npp: string | null; address: string | null; logo: string | null }

export interface OpdHeaderRow {
  id: number; code: string; name: string; kind: 'opd' | 'village'; budgetAccount: string | null; address: string | null;
  headName: string | null; headNip: string | null; headTitle: string | null;
  pptkName: string | null; pptkNip: string | null; treasurerName: string | null; treasurerNip: string | null;
}

export const headerRepo = {
  employer(q: Queries): Promise<EmployerLetterheadRow | undefined> {
    return q.one<EmployerLetterheadRow>(sql`SELECT name, npp, address, logo FROM employer WHERE id = 1`);
  },

  opd(q: Queries, opdId: number): Promise<OpdHeaderRow | undefined> {
    return q.one<OpdHeaderRow>(sql`
      SELECT id, code, name, kind, budget_account AS "budgetAccount", address, head_name AS "headName", head_nip AS "headNip", head_title AS "headTitle",
             pptk_name AS "pptkName", pptk_nip AS "pptkNip", treasurer_name AS "treasurerName", treasurer_nip AS "treasurerNip"
      FROM opd WHERE id = ${opdId}`);
  },

  /** The header an issued invoice froze (JSON text), null for a draft; undefined when there is no such invoice. */
  async invoiceHeaderJson(q: Queries, invoiceId: number): Promise<string | null | undefined> {
    return (await q.one<{ headerJson: string | null }>(sql`SELECT header_json AS "headerJson" FROM invoice WHERE id = ${invoiceId}`))?.headerJson;
  },
};
