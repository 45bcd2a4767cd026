import type { Migration } from './types';

/**
 * Invoice numbers (`IUR/2026/03/05/001`) end in a sequence per unit and contribution month. It was
 * `count(*) + 1` of the unit's issued invoices, which is right only while one process writes: two
 * issuers counting at once would both take the same number. Now each (unit, month) has one row holding
 * the last number given, read and raised inside the issuing write transaction (billing/issue.ts), so
 * the row's lock orders the issuers on any engine. Seeded from the invoices already issued so that
 * numbering continues where it stands (issued invoices are never deleted, so the count is the last number).
 */
export const INVOICE_SEQUENCE_SEED = `
  INSERT INTO invoice_sequence (opd_id, month, last)
    SELECT opd_id, month, count(*) FROM invoice WHERE status = 'issued' GROUP BY opd_id, month`;

export const m0240: Migration = {
  version: 240,
  name: 'invoice-sequence',
  up(db) {
    db.exec(`
      CREATE TABLE invoice_sequence (
        opd_id INTEGER NOT NULL REFERENCES opd(id),
        month TEXT NOT NULL,
        last INTEGER NOT NULL CHECK (last >= 0),
        PRIMARY KEY (opd_id, month)
      ) STRICT;
      ${INVOICE_SEQUENCE_SEED};
    `);
  },
};
