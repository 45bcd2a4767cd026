/**
 * PostgreSQL's part of migration 260 (the SQLite file says why SQLite needs none): the roster list's
 * change token (roster/roster-repository.ts `version`).
 *
 * The roster keeps the ordered id lists of recent filters for as long as its token stays the same
 * (roster/query.ts). The token was the transaction's snapshot, which changes with every write on the
 * server: a phone number corrected, a payment recorded or a session touched made every clerk's next
 * roster screen order 100,000 people afresh. Now it counts the committed transactions that changed what
 * a list can show or how it orders it: any write to an engagement or a unit, a person added or
 * removed, a person's name, NIK or KPJ changed (the rows of a page are always read afresh, so their
 * other fields need no token).
 *
 * Each such transaction adds its own id to roster_change once (no shared row to lock: writers never
 * wait on one another here), and the token is how many of them the reader's snapshot sees. Commits are
 * seen in order, so of two snapshots the later sees every transaction the earlier saw: equal counts
 * mean the same roster. The table's oid is part of the token, so a restore (pg_restore recreates the
 * table) never leaves a count equal to one taken before it. roster_change_prune, run when a store
 * opens, moves the counted rows into one total in the same transaction once there are more than a few
 * thousand (a count of those takes a millisecond), so the count never drops.
 *
 * SECURITY DEFINER: the application role (`sigap db grant`) needs no right on the new tables, so a
 * server upgraded before the grant is run again keeps working.
 */
/** The counted changes left as rows when a store opens; more are folded into the total. */
export const ROSTER_CHANGES_KEPT = 5000;

export const ROSTER_CHANGE_TOKEN = `
  CREATE TABLE roster_change (tx xid8 PRIMARY KEY);
  CREATE TABLE roster_change_base (id integer PRIMARY KEY CHECK (id = 1), n bigint NOT NULL CHECK (n >= 0));
  INSERT INTO roster_change_base (id, n) VALUES (1, 0);

  CREATE FUNCTION roster_touched() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
  BEGIN
    INSERT INTO roster_change (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    RETURN NULL;
  END $$;

  -- A person's update counts only when it changes what a list searches or orders by.
  CREATE FUNCTION person_roster_touched() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM old_people o JOIN new_people n ON n.id = o.id
               WHERE n.name IS DISTINCT FROM o.name OR n.nik IS DISTINCT FROM o.nik OR n.kpj IS DISTINCT FROM o.kpj) THEN
      INSERT INTO roster_change (tx) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$;

  CREATE TRIGGER engagement_roster_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON engagement
    FOR EACH STATEMENT EXECUTE FUNCTION roster_touched();
  CREATE TRIGGER opd_roster_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON opd
    FOR EACH STATEMENT EXECUTE FUNCTION roster_touched();
  CREATE TRIGGER person_roster_change AFTER INSERT OR DELETE OR TRUNCATE ON person
    FOR EACH STATEMENT EXECUTE FUNCTION roster_touched();
  CREATE TRIGGER person_roster_change_update AFTER UPDATE ON person REFERENCING OLD TABLE AS old_people NEW TABLE AS new_people
    FOR EACH STATEMENT EXECUTE FUNCTION person_roster_touched();

  CREATE FUNCTION roster_version() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT CAST('roster_change'::regclass AS oid)::text || ':' ||
           ((SELECT n FROM roster_change_base WHERE id = 1) + (SELECT count(*) FROM roster_change))::text
  $$;

  CREATE FUNCTION roster_change_prune(above bigint) RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH gone AS (DELETE FROM roster_change WHERE (SELECT count(*) FROM roster_change) > above RETURNING 1)
    UPDATE roster_change_base SET n = n + (SELECT count(*) FROM gone) WHERE id = 1 AND EXISTS (SELECT 1 FROM gone)
  $$;
`;
