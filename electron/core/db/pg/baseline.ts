/**
 * Sigap's schema on PostgreSQL, as one baseline at schema version PG_BASELINE_VERSION: a PostgreSQL
 * database starts here (none existed before it), and every later migration carries a PostgreSQL part
 * of its own under the same version number. Same tables, columns, keys, checks and append-only rules
 * as the SQLite migrations give at that version (test/unit/pg-schema.test.ts compares them):
 *
 * - dates stay ISO text as on SQLite, so ranges and the code that compares them are the same;
 * - integers are bigint (rupiah totals pass 2^31), ids identities that also take explicit values;
 * - SQLite's COLLATE NOCASE is citext (a trusted extension since PostgreSQL 13), so `=` ignores case
 *   on both engines;
 * - the triggers that keep issued invoices, BPJS batches, decree effects, templates, payments to BPJS
 *   and the audit trail unchangeable are PL/pgSQL functions raising the same messages.
 */
import { ROSTER_DDL } from './baseline-roster';
import { BILLING_DDL } from './baseline-billing';
import { BPJS_DDL } from './baseline-bpjs';

export const PG_BASELINE_VERSION = 200;

/** In dependency order: the roster's tables first (billing and BPJS files refer to them). */
export const PG_BASELINE_DDL = [ROSTER_DDL, BILLING_DDL, BPJS_DDL].join('\n');
