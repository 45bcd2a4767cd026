import type { Migration } from './types';

/**
 * SEBAB_NA of the portal's mass deactivation upload (sheet data_tk_na) is a code from the template's
 * list, not free text (domain.md section 8). Sigap records end reasons as words (an SK that leaves a
 * person out, "Mengundurkan diri", ...), sorted into four kinds (bpjs/na-reasons.ts); this table maps
 * each kind to the code the branch's list uses, editable because the list was never published.
 *
 * Seed [L]: a public mock of the SIPP mass upload (a Vue validator with a sebab.json master list)
 * names A1 = Mengundurkan Diri and A4 = Usia Pensiun, and accepts the reason's name in place of its
 * code. No code was found for a dismissal or an ended contract: those rows carry the name, with a note
 * asking the clerk to replace it with the code from the branch's template.
 */
export const m0200: Migration = {
  version: 200,
  name: 'na-reason-codes',
  up(db) {
    db.exec(`
      CREATE TABLE bpjs_na_reason (
        reason TEXT PRIMARY KEY CHECK (reason IN ('resign', 'retirement', 'dismissal', 'contract_end')),
        code TEXT NOT NULL CHECK (length(trim(code)) BETWEEN 1 AND 40),
        source TEXT NOT NULL,
        confidence TEXT NOT NULL CHECK (confidence IN ('H', 'M', 'L')),
        note TEXT,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
    const seed = db.prepare(
      `INSERT INTO bpjs_na_reason (reason, code, source, confidence, note, updated_at, updated_by)
       VALUES (?, ?, ?, 'L', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'seed')`,
    );
    const mock = 'Tiruan publik unggah massal SIPP (daftar sebab.json): A1 = Mengundurkan Diri, A4 = Usia Pensiun';
    const unknown = 'Kode portal belum diketahui; tiruan SIPP menerima nama sebab. Ganti dengan kode dari daftar di templat kantor cabang.';
    seed.run('resign', 'A1', mock, 'Cocokkan dengan daftar SEBAB_NA di templat kantor cabang.');
    seed.run('retirement', 'A4', mock, 'Cocokkan dengan daftar SEBAB_NA di templat kantor cabang.');
    seed.run('dismissal', 'PHK', 'Nama sebab, bukan kode: kode portal untuk sebab ini belum ditemukan', unknown);
    seed.run('contract_end', 'HABIS KONTRAK', 'Nama sebab, bukan kode: kode portal untuk sebab ini belum ditemukan', unknown);
  },
};
