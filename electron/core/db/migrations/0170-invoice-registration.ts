import type { Migration } from './types';

/**
 * Billing per NPP: BPJS bills per employer registration, so when a unit's people fall under two NPPs
 * (a category with its own NPP in a unit without one) the month's run makes one invoice per NPP. The
 * invoice keeps the registration it bills (NULL = the Pemda's own NPP, as in opd and category), and
 * the one-regular-invoice rule becomes per unit, month, segment and registration. Issued invoices are
 * untouched: existing rows get NULL, which is what they billed.
 */
export const m0170: Migration = {
  version: 170,
  name: 'invoice-registration',
  up(db) {
    db.exec(`
      ALTER TABLE invoice ADD COLUMN registration_id INTEGER REFERENCES employer_registration(id);
      DROP INDEX invoice_regular;
      CREATE UNIQUE INDEX invoice_regular ON invoice (month, opd_id, segment, coalesce(registration_id, 0)) WHERE kind = 'regular';
    `);
  },
};
