import type { Migration } from './types';

/**
 * The Pemda's monthly payment to BPJS, per NPP, month and segment: the branch's bill total (typed, or
 * read from the bill file the reconciliation reads), the fine on that bill, and the payment with its
 * date and reference. Rows are never changed or deleted (triggers): a correction or a later step (the
 * payment recorded after the bill) is a new row that supersedes the one before, with a reason when it
 * changes a value already recorded, so the history of each month stays readable and audited.
 */
export const m0180: Migration = {
  version: 180,
  name: 'bpjs-payment',
  up(db) {
    db.exec(`
      CREATE TABLE bpjs_payment (
        id INTEGER PRIMARY KEY,
        npp TEXT NOT NULL CHECK (length(trim(npp)) BETWEEN 1 AND 20),
        month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
        segment TEXT NOT NULL DEFAULT 'PU' CHECK (segment IN ('PU', 'BPU')),
        bill_total INTEGER NOT NULL CHECK (bill_total >= 0),
        bill_source TEXT NOT NULL CHECK (bill_source IN ('typed', 'file')),
        bill_file TEXT,
        bill_sha256 TEXT,
        fine INTEGER NOT NULL DEFAULT 0 CHECK (fine >= 0),
        paid_amount INTEGER CHECK (paid_amount IS NULL OR paid_amount > 0),
        paid_date TEXT,
        paid_reference TEXT,
        note TEXT,
        supersedes_id INTEGER UNIQUE REFERENCES bpjs_payment(id),
        reason TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        CHECK ((paid_amount IS NULL) = (paid_date IS NULL) AND (paid_date IS NULL) = (paid_reference IS NULL)),
        CHECK ((bill_source = 'file') = (bill_sha256 IS NOT NULL))
      ) STRICT;
      -- One first row per NPP, month and segment; later ones supersede it one after another.
      CREATE UNIQUE INDEX bpjs_payment_first ON bpjs_payment (npp, month, segment) WHERE supersedes_id IS NULL;
      CREATE INDEX bpjs_payment_month ON bpjs_payment (month, npp);
      CREATE TRIGGER bpjs_payment_no_update BEFORE UPDATE ON bpjs_payment
        BEGIN SELECT RAISE(ABORT, 'catatan pembayaran ke BPJS tidak dapat diubah; catat koreksinya sebagai baris baru'); END;
      CREATE TRIGGER bpjs_payment_no_delete BEFORE DELETE ON bpjs_payment
        BEGIN SELECT RAISE(ABORT, 'catatan pembayaran ke BPJS tidak dapat dihapus; catat koreksinya sebagai baris baru'); END;
    `);
  },
};
