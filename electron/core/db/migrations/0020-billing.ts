import type { Migration } from './types';

const MONTH_CHECK = "GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'";

/**
 * Monthly dues: dated rate parameters and BPU income brackets (seeded from the regulations, each row
 * with its source), invoices with their per-person lines, and payments.
 *
 * An issued invoice is frozen by triggers as well as by the code: no update or delete of the invoice,
 * no insert, update or delete of its lines. A correction is a new supplementary or credit invoice.
 * The seed data is written out here, not imported, so this migration stays what it was when shipped.
 */
export const m0020: Migration = {
  version: 20,
  name: 'billing',
  up(db) {
    db.exec(`
      CREATE TABLE rate_param (
        key TEXT NOT NULL,
        effective_month TEXT NOT NULL CHECK (effective_month ${MONTH_CHECK}),
        value INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (length(trim(source)) > 0),
        confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
        note TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (key, effective_month)
      ) STRICT;

      CREATE TABLE bpu_bracket (
        effective_month TEXT NOT NULL CHECK (effective_month ${MONTH_CHECK}),
        income_from INTEGER NOT NULL CHECK (income_from >= 0),
        declared_income INTEGER NOT NULL CHECK (declared_income > 0),
        source TEXT NOT NULL CHECK (length(trim(source)) > 0),
        confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (effective_month, income_from)
      ) STRICT;

      CREATE TABLE invoice (
        id INTEGER PRIMARY KEY,
        number TEXT UNIQUE,
        month TEXT NOT NULL CHECK (month ${MONTH_CHECK}),
        opd_id INTEGER NOT NULL REFERENCES opd(id),
        segment TEXT NOT NULL CHECK (segment IN ('PU', 'BPU')),
        kind TEXT NOT NULL CHECK (kind IN ('regular', 'supplementary', 'credit')),
        original_id INTEGER REFERENCES invoice(id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'issued')),
        due_date TEXT NOT NULL,
        persons INTEGER NOT NULL DEFAULT 0,
        jkk INTEGER NOT NULL DEFAULT 0,
        jkm INTEGER NOT NULL DEFAULT 0,
        jht_employer INTEGER NOT NULL DEFAULT 0,
        jht_worker INTEGER NOT NULL DEFAULT 0,
        jp_employer INTEGER NOT NULL DEFAULT 0,
        jp_worker INTEGER NOT NULL DEFAULT 0,
        employer_total INTEGER NOT NULL DEFAULT 0,
        worker_total INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        rates_json TEXT NOT NULL,
        header_json TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        issued_at TEXT,
        issued_by TEXT,
        CHECK ((kind = 'regular') = (original_id IS NULL)),
        CHECK (status = 'draft' OR (number IS NOT NULL AND issued_at IS NOT NULL AND header_json IS NOT NULL)),
        CHECK (status = 'issued' OR number IS NULL),
        CHECK (employer_total = jkk + jkm + jht_employer + jp_employer),
        CHECK (worker_total = jht_worker + jp_worker),
        CHECK (total = employer_total + worker_total)
      ) STRICT;
      -- One regular invoice per unit, month and segment; later changes are corrections pointing at it.
      CREATE UNIQUE INDEX invoice_regular ON invoice (month, opd_id, segment) WHERE kind = 'regular';
      CREATE INDEX invoice_month ON invoice (month, status);
      CREATE INDEX invoice_opd ON invoice (opd_id, month);

      CREATE TABLE invoice_line (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
        -- Person and engagement ids are for navigation only: the line keeps its own copy of what it
        -- shows (NIK, name...), and a foreign-key check per line would double the cost of a billing run.
        person_id INTEGER NOT NULL,
        engagement_id INTEGER,
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        kpj TEXT,
        category TEXT NOT NULL,
        jkk_class INTEGER,
        wage INTEGER NOT NULL,
        base INTEGER NOT NULL,
        jp_base INTEGER NOT NULL,
        jkk INTEGER NOT NULL,
        jkm INTEGER NOT NULL,
        jht_employer INTEGER NOT NULL,
        jht_worker INTEGER NOT NULL,
        jp_employer INTEGER NOT NULL,
        jp_worker INTEGER NOT NULL,
        -- A line's total can only ever be the sum of its rounded program amounts.
        total INTEGER GENERATED ALWAYS AS (jkk + jkm + jht_employer + jht_worker + jp_employer + jp_worker) STORED,
        change TEXT CHECK (change IN ('tambah', 'berhenti', 'perubahan'))
      ) STRICT;
      CREATE INDEX invoice_line_invoice ON invoice_line (invoice_id);

      CREATE TABLE payment (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoice(id),
        sp2d_number TEXT NOT NULL CHECK (length(trim(sp2d_number)) > 0),
        sp2d_date TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        note TEXT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payment_invoice ON payment (invoice_id);

      CREATE TRIGGER invoice_issued_no_update BEFORE UPDATE ON invoice WHEN OLD.status = 'issued'
        BEGIN SELECT RAISE(ABORT, 'tagihan yang sudah terbit tidak dapat diubah'); END;
      CREATE TRIGGER invoice_issued_no_delete BEFORE DELETE ON invoice WHEN OLD.status = 'issued'
        BEGIN SELECT RAISE(ABORT, 'tagihan yang sudah terbit tidak dapat dihapus'); END;
      -- Issuing is checked here too: the header must be the exact sum of its lines.
      CREATE TRIGGER invoice_issue_sums BEFORE UPDATE OF status ON invoice WHEN NEW.status = 'issued'
        AND (NEW.total, NEW.persons) IS NOT (SELECT coalesce(sum(total), 0), count(*) FROM invoice_line WHERE invoice_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, 'jumlah tagihan tidak sama dengan jumlah rinciannya'); END;
      CREATE TRIGGER invoice_line_issued_no_insert BEFORE INSERT ON invoice_line
        WHEN (SELECT status FROM invoice WHERE id = NEW.invoice_id) = 'issued'
        BEGIN SELECT RAISE(ABORT, 'rincian tagihan yang sudah terbit tidak dapat diubah'); END;
      CREATE TRIGGER invoice_line_issued_no_update BEFORE UPDATE ON invoice_line
        WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) = 'issued' OR (SELECT status FROM invoice WHERE id = NEW.invoice_id) = 'issued'
        BEGIN SELECT RAISE(ABORT, 'rincian tagihan yang sudah terbit tidak dapat diubah'); END;
      CREATE TRIGGER invoice_line_issued_no_delete BEFORE DELETE ON invoice_line
        WHEN (SELECT status FROM invoice WHERE id = OLD.invoice_id) = 'issued'
        BEGIN SELECT RAISE(ABORT, 'rincian tagihan yang sudah terbit tidak dapat dihapus'); END;
      CREATE TRIGGER payment_only_issued BEFORE INSERT ON payment
        WHEN (SELECT status = 'issued' AND kind <> 'credit' FROM invoice WHERE id = NEW.invoice_id) IS NOT 1
        BEGIN SELECT RAISE(ABORT, 'pembayaran hanya untuk tagihan terbit yang bukan nota kredit'); END;
    `);

    const param = db.prepare(
      `INSERT INTO rate_param (key, effective_month, value, source, confidence, note, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'seed')`,
    );
    // PP 44/2015, 45/2015 and 46/2015 took effect on 1 July 2015.
    const from = '2015-07';
    const jkk = 'PP 44/2015 Ps.16(1)';
    const seed: [string, string, number, string, 'H' | 'M' | 'L', string | null][] = [
      ['pu.jkk.1', from, 24, jkk, 'H', 'kelas I, risiko sangat rendah (kantor pemerintah lazimnya kelas I)'],
      ['pu.jkk.2', from, 54, jkk, 'H', null],
      ['pu.jkk.3', from, 89, jkk, 'H', null],
      ['pu.jkk.4', from, 127, jkk, 'H', null],
      ['pu.jkk.5', from, 174, jkk, 'H', null],
      ['pu.jkm', from, 30, 'PP 44/2015 Ps.18(1)', 'H', null],
      ['pu.jht.employer', from, 370, 'PP 46/2015 Ps.16(1)', 'H', null],
      ['pu.jht.worker', from, 200, 'PP 46/2015 Ps.16(1)', 'H', 'dipotong dari honor'],
      ['pu.jp.employer', from, 200, 'PP 45/2015 Ps.28(3)', 'H', null],
      ['pu.jp.worker', from, 100, 'PP 45/2015 Ps.28(3)', 'H', 'dipotong dari honor'],
      ['pu.jp.wage_cap', '2019-03', 8_512_400, 'PP 45/2015 Ps.29; penyesuaian Maret 2019', 'M', null],
      ['pu.jp.wage_cap', '2020-03', 8_939_700, 'PP 45/2015 Ps.29; penyesuaian Maret 2020', 'L', 'sumber tidak resmi, periksa surat BPJS'],
      ['pu.jp.wage_cap', '2021-03', 8_754_600, 'PP 45/2015 Ps.29; penyesuaian Maret 2021', 'L', 'sumber tidak resmi, periksa surat BPJS'],
      ['pu.jp.wage_cap', '2022-03', 9_077_600, 'PP 45/2015 Ps.29; penyesuaian Maret 2022', 'H', null],
      ['pu.jp.wage_cap', '2023-03', 9_559_600, 'PP 45/2015 Ps.29; penyesuaian Maret 2023', 'H', null],
      ['pu.jp.wage_cap', '2024-03', 10_042_300, 'Surat BPJS Ketenagakerjaan B/1387/022024', 'H', null],
      ['pu.jp.wage_cap', '2025-03', 10_547_400, 'Surat BPJS Ketenagakerjaan B/726/022025', 'H', null],
      ['pu.jp.wage_cap', '2026-03', 11_086_300, 'Surat BPJS Ketenagakerjaan B/1226/022026', 'M', null],
      ['pu.wage_floor', from, 0, 'Bawaan Sigap: upah dilaporkan = honor, tanpa batas bawah', 'M', 'isi UMK bila Pemda melaporkan UMK'],
      ['bpu.jkk', from, 100, 'PP 44/2015 Lampiran II; bpjsketenagakerjaan.go.id/berita/28039', 'H', 'golongan terendah Rp1.000.000 -> Rp10.000'],
      ['bpu.jkm', from, 6_800, 'PP 44/2015 Lampiran II; bpjsketenagakerjaan.go.id/berita/28039', 'H', null],
      ['bpu.jht', from, 200, 'PP 46/2015; bpjsketenagakerjaan.go.id/berita/28039', 'H', 'opsional, bila kategori memilih JHT'],
      ['pu.due.month_offset', from, 1, 'Iuran PU dibayar paling lambat tgl 15 bulan berikutnya', 'H', null],
      ['pu.due.day', from, 15, 'Iuran PU dibayar paling lambat tgl 15 bulan berikutnya', 'H', null],
      ['bpu.due.month_offset', from, 0, 'Iuran BPU dibayar paling lambat tgl 15 bulan berjalan', 'M', null],
      ['bpu.due.day', from, 15, 'Iuran BPU dibayar paling lambat tgl 15 bulan berjalan', 'M', null],
      ['due.roll_weekend', from, 1, 'Jatuh tempo pada hari libur bergeser ke hari kerja berikutnya', 'M', 'hanya Sabtu/Minggu; libur nasional belum dihitung'],
      ['pu.fine.enabled', from, 1, 'Denda keterlambatan iuran PU (berlaku bagi pemberi kerja selain penyelenggara negara)', 'M', 'PERKIRAAN: keberlakuan bagi Pemda belum pasti'],
      ['pu.fine.bp_per_month', from, 200, 'Denda 2% per bulan keterlambatan dari iuran yang belum dibayar', 'M', 'PERKIRAAN: keberlakuan bagi Pemda belum pasti'],
      ['billing.month_rule', from, 0, 'Bawaan Sigap: ditagih sebulan penuh bila terikat satu hari pun dalam bulan itu', 'L', 'kebijakan Pemda; 1 = hanya bila terikat pada tanggal 1'],
    ];
    for (const row of seed) param.run(...row);

    db.prepare(
      `INSERT INTO bpu_bracket (effective_month, income_from, declared_income, source, confidence, updated_at, updated_by)
       VALUES (?, 0, 1000000, ?, 'H', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'seed')`,
    ).run(from, 'PP 44/2015 Lampiran II: golongan terendah Rp1.000.000 (tabel lengkap belum diperoleh; lengkapi di Pengaturan)');
  },
};
