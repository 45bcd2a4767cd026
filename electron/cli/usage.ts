/**
 * Every command's usage text, in a module of its own that imports nothing: `sigap --help` and
 * `sigap COMMAND --help` print them without loading a command, a spreadsheet or a database library.
 */

export const UNIT_USAGE = `                 [--map-unit "NAMA DI BERKAS=Unit yang ada"]... [--map-unit "NAMA=BARU"] [--accept-unit-proposals] [--create-units]`;

/** For `sigap --help` and the report: what the unit flags do. */
export const UNIT_HELP = `      Unit kerja: nama unit di berkas yang bukan nama/kode/alias unit yang ada harus dipastikan, atau tidak ada yang disimpan:
        --map-unit "DINKES=Dinas Kesehatan"  nama di berkas -> unit yang ada (nama atau kode); diingat sebagai alias
        --map-unit "NAMA=BARU"               buat unit baru dengan nama itu
        --accept-unit-proposals              terima semua usulan (lihat "units" di --json); diingat sebagai alias
        --create-units                       buat unit baru untuk nama yang tidak punya usulan`;

export const IMPORT_SK_USAGE = `sigap import-sk FILE [--number N] [--date YYYY-MM-DD] [--tmt YYYY-MM-DD] [--tmt-end YYYY-MM-DD]
                 [--category NAME] [--opd NAME] [--replace | --amend] [--dry-run] [--skip-invalid] [--no-backup] [--json] [--db PATH]
${UNIT_USAGE}
${UNIT_HELP}`;

export const SK_USAGE = `sigap sk attach NOMOR FILE [--json]          lampirkan pindaian SK yang ditandatangani (PDF, JPEG, PNG; maks. 20 MB)
  sigap sk scan NOMOR --out FILE [--json]       simpan pindaian SK ke berkas
  sigap sk undo NOMOR --reason "ALASAN" [--check] [--no-backup] [--json]   batalkan penerapan SK (--check: hanya periksa)`;

export const OPD_USAGE = `sigap opd list [--json]
  sigap opd alias list [--json] | alias add "NAMA DI BERKAS" --opd "Nama atau kode unit" | alias remove "NAMA DI BERKAS"|ID`;

export const CATEGORY_USAGE = `sigap category list [--json]
  sigap category add NAME --segment PU|BPU --programs JKK,JKM[,JHT,JP] [--jkk-class 1-5|npp] [--enrolled yes|no] [--json]
  sigap category edit NAME [--name NEW] [--segment PU|BPU] [--programs ...] [--jkk-class 1-5|npp] [--enrolled yes|no] [--json]`;

export const BPJS_USAGE = `sigap export new|continue|na|wage|bpu --out DIR [--profile NAME] [--include-incomplete] [--as-of YYYY-MM-DD]
                [--village-funding SA|SD|SL|SG] [--json]
  sigap preflight [--kind new|continue|na|wage|bpu] [--profile NAME] [--as-of YYYY-MM-DD] [--json]
  sigap batches [--npp NPP] [--json]
  sigap batch show ID [--json] | batch cancel ID [--reason TEXT] | batch regenerate ID --out DIR [--json]
  sigap import-kpj FILE [--dry-run] [--json]
  sigap reconcile FILE --month YYYY-MM [--json]
  sigap profile list|fields [--json] | profile show NAME | profile from-template FILE --name NAME [--kind K]
  sigap profile edit NAME [--sheet NAME] [--map HEADER=FIELD ...] [--set HEADER=VALUE ...] [--drop HEADER ...] [--rows-per-file N|bawaan]
  sigap profile copy NAME --name NEW | profile delete NAME`;

export const BILLING_USAGE = `sigap bill --month YYYY-MM [--issue] [--json]
  sigap pay NOMOR --amount N --date YYYY-MM-DD --sp2d TEKS [--note TEKS] [--confirm-early-date] [--json]
  sigap arrears [--as-of YYYY-MM-DD] [--npp NPP] [--json]
  sigap rates [--month YYYY-MM] [--json]
  sigap invoice xlsx NOMOR --out FILE
  sigap invoice pdf NOMOR --out FILE [--paper A4|F4] [--no-attachment]
  sigap invoice recap-pdf --month YYYY-MM --out FILE [--paper A4|F4]
  sigap invoice reminder-pdf --opd KODE --out FILE [--as-of YYYY-MM-DD] [--paper A4|F4]`;

export const BPJS_PAYMENT_USAGE = `sigap bpjs-payment list --month YYYY-MM [--json]
  sigap bpjs-payment history --month YYYY-MM [--npp NPP] [--segment PU|BPU] [--json]
  sigap bpjs-payment record --month YYYY-MM [--npp NPP] [--segment PU|BPU] [--bill N | --bill-file FILE] [--fine N]
                     [--paid N --date YYYY-MM-DD --ref TEKS] [--note TEKS] [--reason TEKS] [--json]`;

export const COVERAGE_USAGE = `sigap coverage [--month YYYY-MM] [--json | --pdf FILE [--paper A4|F4]]
  sigap coverage yearly --year YYYY [--json | --xlsx FILE | --pdf FILE [--paper A4|F4]]
  sigap forecast --year YYYY [--growth PERSEN] [--headroom PERSEN] [--new-staff N] [--no-renew] [--json | --xlsx FILE | --pdf FILE]
  sigap incident list [--year YYYY] [--open] [--json]
  sigap incident add --nik NIK --kind accident|work_death|death --date YYYY-MM-DD [--place TEKS] [--description TEKS] [--reported YYYY-MM-DD] [--json]
  sigap incident report ID --date YYYY-MM-DD`;

export const NPP_USAGE = `sigap npp list [--json]
  sigap npp add NPP --name "NAMA" --jkk-class 1-5 [--json]   mis. NPP RSUD (BLUD) atau pemerintah desa
  sigap npp set NPP [--npp NPP_BARU] [--name "NAMA"] [--jkk-class 1-5] [--json]
  sigap npp assign NPP|pemda (--opd KODE | --category NAMA) [--json]   unit/kategori memakai NPP itu`;

export const TEMPLATE_USAGE = 'sigap template sk --out FILE.xlsx [--pemda "Pemerintah Kabupaten ..."] [--db PATH]';

export const PERSON_USAGE = `sigap person template (--opd KODE [--opd KODE]... | --all) --out FOLDER [--json]   buku kerja Lengkapi data pegawai per unit
  sigap person import BERKAS [--apply] [--skip-invalid] [--no-backup] [--json]   baca isian kembali (pratinjau; --apply mencadangkan lalu menerapkan)`;

export const EXCEPTION_USAGE = `sigap exception list --nik NIK [--month YYYY-MM] [--json]   program, kelas JKK, aturan JP dan pengecualian pegawai
  sigap exception add --nik NIK --from YYYY-MM [--to YYYY-MM] [--programs JKK,JKM[,JHT,JP]] [--jkk-class 1-5] --reason "ALASAN" [--source "SK ..."] [--json]
  sigap exception end ID --last-month YYYY-MM [--json]`;

export const SETTINGS_USAGE = `sigap settings show [--json] | set KUNCI=NILAI ... (sigap settings --help: daftar kunci)`;

export const NA_REASON_USAGE = `sigap sebab-na list [--json]
  sigap sebab-na set mengundurkan-diri|pensiun|phk|habis-kontrak KODE [--sumber "TEKS"] [--catatan "TEKS"] [--json]   kode SEBAB_NA dari templat kantor cabang`;

export const USAGE = `Sigap: daftar pegawai non-ASN, iuran dan pelaporan BPJS Ketenagakerjaan

Penggunaan:
  ${IMPORT_SK_USAGE}
  ${SK_USAGE}
  sigap roster [--month YYYY-MM] [--opd NAME] [--search TEXT] [--status active|ended|all] [--json | --csv | --xlsx FILE [--columns nik,name,...]]
  ${PERSON_USAGE}
  ${EXCEPTION_USAGE}
  ${OPD_USAGE}
  ${CATEGORY_USAGE}
  ${NPP_USAGE}
  ${NA_REASON_USAGE}
  ${TEMPLATE_USAGE}
  ${SETTINGS_USAGE}
  sigap demo --persons N [--year YYYY] [--seed N]
  sigap backup create|list|check|restore|prune [--to DIR] [--passphrase-env VAR] [--yes]
  sigap db migrate | grant --app-role PERAN   (PostgreSQL: skema dan hak peran aplikasi; dijalankan oleh DBA sebagai pemilik)
  sigap user list | add USERNAME --role ROLE --password-env VAR | reset-password USERNAME
  ${BPJS_USAGE}
  ${BILLING_USAGE}
  ${BPJS_PAYMENT_USAGE}
  ${COVERAGE_USAGE}
  sigap serve [--db PATH|postgres://...] [--host 127.0.0.1] [--port 8443] [--cert FILE --key FILE] [--log FILE]

Setiap perintah menerima --db PATH (atau variabel lingkungan SIGAP_DB): sebuah berkas SQLite, atau
alamat server PostgreSQL, mis. --db postgres://sigap@server-pemda:5432/sigap (kata sandinya dari
PGPASSWORD atau ~/.pgpass, agar tidak tampak di daftar proses).
`;
