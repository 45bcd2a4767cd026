/**
 * PostgreSQL's part of migration 250 (migrate.ts; the SQLite file says why SQLite needs none): DDL kept
 * here so migrate.ts stays a list.
 */

/**
 * An issued invoice's lines never change (the rule of invoice_line_guard in baseline-billing.ts, the
 * same messages and error code), now checked once per statement over the rows it wrote, read from its
 * transition tables, instead of by a PL/pgSQL call per row: a billing run inserts 100,000 lines in one
 * statement, and the call per line was most of its time on PostgreSQL. After the statement instead of
 * before each row: a refused statement is undone all the same.
 */
export const LINE_GUARD_PER_STATEMENT = `
  DROP TRIGGER invoice_line_guard ON invoice_line;
  DROP FUNCTION invoice_line_guard();
  CREATE FUNCTION invoice_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    -- Each table is read only by the events that have it (the INSERT trigger has no old_lines).
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      IF EXISTS (SELECT 1 FROM old_lines l JOIN invoice i ON i.id = l.invoice_id WHERE i.status = 'issued') THEN
        RAISE EXCEPTION USING MESSAGE = CASE TG_OP WHEN 'DELETE' THEN 'rincian tagihan yang sudah terbit tidak dapat dihapus' ELSE 'rincian tagihan yang sudah terbit tidak dapat diubah' END, ERRCODE = 'restrict_violation';
      END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      IF EXISTS (SELECT 1 FROM new_lines l JOIN invoice i ON i.id = l.invoice_id WHERE i.status = 'issued') THEN
        RAISE EXCEPTION USING MESSAGE = 'rincian tagihan yang sudah terbit tidak dapat diubah', ERRCODE = 'restrict_violation';
      END IF;
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER invoice_line_guard_insert AFTER INSERT ON invoice_line REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_line_guard();
  CREATE TRIGGER invoice_line_guard_update AFTER UPDATE ON invoice_line REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_line_guard();
  CREATE TRIGGER invoice_line_guard_delete AFTER DELETE ON invoice_line REFERENCING OLD TABLE AS old_lines
    FOR EACH STATEMENT EXECUTE FUNCTION invoice_line_guard();
`;

/**
 * A roster search starts from the few people whose name matches, then reads each one's latest
 * engagement. The engagements by person now also carry what the list reads of them (end date, unit, id),
 * so those reads never visit the table and the planner takes them for a selective search instead of
 * hashing all the engagements (half the time of a search on 100,000 people). Same name, same key.
 */
export const ENGAGEMENT_PERSON_COVERING = `
  DROP INDEX engagement_person;
  CREATE INDEX engagement_person ON engagement (person_id, start_date) INCLUDE (end_date, opd_id, id);
`;
