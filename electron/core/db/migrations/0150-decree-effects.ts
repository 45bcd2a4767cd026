import type { Migration } from './types';

const KINDS = "('person_created', 'person_updated', 'engagement_created', 'engagement_ended', 'unit_created', 'alias_created')";

/**
 * What applying an SK did, row by row, so it can be withdrawn exactly ("Batalkan penerapan SK"):
 * the persons it created, the person fields it changed (before and after), the engagements it ended
 * (their end before and after), the units and unit aliases it made. The engagements it created are
 * those with its decree_id (only an apply sets it); the 'engagement_created' kind is not written.
 *
 * `decree.effects_recorded` is 1 only for SKs applied from this version on: for older ones nothing
 * says what they changed, and an undo is refused rather than guessed. A withdrawn decree stays, with
 * status 'withdrawn', who withdrew it, when and why.
 */
export const m0150: Migration = {
  version: 150,
  name: 'decree-effects',
  up(db) {
    db.exec(`
      ALTER TABLE decree ADD COLUMN status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'withdrawn'));
      ALTER TABLE decree ADD COLUMN effects_recorded INTEGER NOT NULL DEFAULT 0 CHECK (effects_recorded IN (0, 1));
      ALTER TABLE decree ADD COLUMN withdrawn_at TEXT;
      ALTER TABLE decree ADD COLUMN withdrawn_by TEXT;
      ALTER TABLE decree ADD COLUMN withdraw_reason TEXT;

      CREATE TABLE decree_effect (
        id INTEGER PRIMARY KEY,
        decree_id INTEGER NOT NULL REFERENCES decree(id),
        kind TEXT NOT NULL CHECK (kind IN ${KINDS}),
        target_id INTEGER NOT NULL,
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        after_json TEXT CHECK (after_json IS NULL OR json_valid(after_json))
      ) STRICT;
      CREATE INDEX decree_effect_decree ON decree_effect (decree_id, kind);
      CREATE INDEX decree_effect_target ON decree_effect (kind, target_id);
      CREATE TRIGGER decree_effect_no_update BEFORE UPDATE ON decree_effect
        BEGIN SELECT RAISE(ABORT, 'decree_effect is append-only'); END;
      CREATE TRIGGER decree_effect_no_delete BEFORE DELETE ON decree_effect
        BEGIN SELECT RAISE(ABORT, 'decree_effect is append-only'); END;
    `);
  },
};
