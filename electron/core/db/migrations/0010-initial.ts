import type { Migration } from './types';

/** The roster: employer, paying units, categories, decrees, persons, engagements, audit log. */
export const m0010: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE employer (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        npp TEXT,
        address TEXT,
        jkk_class INTEGER NOT NULL DEFAULT 1 CHECK (jkk_class BETWEEN 1 AND 5)
      ) STRICT;

      CREATE TABLE opd (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'opd' CHECK (kind IN ('opd', 'village')),
        budget_account TEXT,
        address TEXT,
        head_name TEXT, head_nip TEXT, head_title TEXT,
        pptk_name TEXT, pptk_nip TEXT,
        treasurer_name TEXT, treasurer_nip TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE category (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        segment TEXT NOT NULL CHECK (segment IN ('PU', 'BPU')),
        programs TEXT NOT NULL,
        jkk_class INTEGER CHECK (jkk_class BETWEEN 1 AND 5),
        enrolled INTEGER NOT NULL DEFAULT 1 CHECK (enrolled IN (0, 1))
      ) STRICT;

      CREATE TABLE decree (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        date TEXT,
        subject TEXT,
        tmt_start TEXT NOT NULL,
        tmt_end TEXT,
        signatory TEXT,
        category_id INTEGER NOT NULL REFERENCES category(id),
        mode TEXT NOT NULL DEFAULT 'replace' CHECK (mode IN ('replace', 'amend')),
        source_file TEXT,
        source_sha256 TEXT,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        CHECK (tmt_end IS NULL OR tmt_end >= tmt_start)
      ) STRICT;

      CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        nik TEXT NOT NULL UNIQUE CHECK (length(nik) = 16),
        name TEXT NOT NULL,
        birth_place TEXT,
        birth_date TEXT,
        sex TEXT CHECK (sex IN ('L', 'P')),
        address TEXT,
        phone TEXT,
        mother_name TEXT,
        kpj TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX person_name ON person (name COLLATE NOCASE);

      CREATE TABLE engagement (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES person(id),
        decree_id INTEGER REFERENCES decree(id),
        opd_id INTEGER NOT NULL REFERENCES opd(id),
        category_id INTEGER NOT NULL REFERENCES category(id),
        position TEXT,
        honor INTEGER NOT NULL DEFAULT 0 CHECK (honor >= 0),
        reported_wage INTEGER NOT NULL DEFAULT 0 CHECK (reported_wage >= 0),
        start_date TEXT NOT NULL,
        end_date TEXT,
        end_reason TEXT,
        source_sheet TEXT,
        source_row INTEGER,
        CHECK (end_date IS NULL OR end_date >= start_date)
      ) STRICT;
      CREATE INDEX engagement_person ON engagement (person_id, start_date);
      CREATE INDEX engagement_decree ON engagement (decree_id);
      CREATE INDEX engagement_active ON engagement (category_id, start_date, end_date);
      CREATE INDEX engagement_opd ON engagement (opd_id, start_date, end_date);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        summary TEXT,
        before_json TEXT,
        after_json TEXT
      ) STRICT;
      CREATE INDEX audit_entity ON audit_log (entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      INSERT INTO category (name, segment, programs) VALUES
        ('Tenaga Non-ASN (Honorer)', 'PU', 'JKK,JKM'),
        ('Pekerja Rentan', 'BPU', 'JKK,JKM');
    `);
  },
};
