import type { Migration } from './types';

/**
 * What the portal's registration upload asks for and Sigap could not keep until now: a postal code of
 * its own (before, only the five digits at the end of an address), an e-mail address, the marital
 * status as the portal codes it (Y = kawin, T = tidak kawin) and the work location code from the branch
 * template's list. All optional: an SK appendix rarely has them; OPD treasurers fill them in bulk.
 */
export const m0120: Migration = {
  version: 120,
  name: 'person-contact',
  up(db) {
    db.exec(`
      ALTER TABLE person ADD COLUMN postal_code TEXT CHECK (postal_code IS NULL OR (length(postal_code) = 5 AND postal_code NOT GLOB '*[^0-9]*'));
      ALTER TABLE person ADD COLUMN email TEXT CHECK (email IS NULL OR (length(email) <= 120 AND email LIKE '%_@_%'));
      ALTER TABLE person ADD COLUMN marital_status TEXT CHECK (marital_status IS NULL OR marital_status IN ('Y', 'T'));
      ALTER TABLE person ADD COLUMN work_location TEXT CHECK (work_location IS NULL OR length(work_location) BETWEEN 1 AND 60);
    `);
  },
};
