/**
 * Faults of the machine rather than of the input: the database locked by another process for longer
 * than the busy timeout, a full disk, a read-only file or folder; on a PostgreSQL server also the
 * conflicts of writers running at once on several computers and a server that cannot be reached. They
 * reach the clerk as Indonesian `SigapError`s that say what to do, from the bridge (dispatch) and the
 * CLI alike, never as "kesalahan internal", a stack trace or a driver's message.
 *
 * PostgreSQL reports SQLSTATE codes (five characters: '40001', '23505'…) where SQLite reports
 * 'SQLITE_…' names; both are mapped here, side by side.
 */
import { basename } from 'node:path';
import { SigapError } from '../../../shared/errors';
import { partTarget } from '../files/parts';
import { refusalToSigapError } from './refusals';
import { pgConnectionLost } from '../store/pg-errors';

// The file as the clerk knows it: a hidden part file is named by the file it was becoming.
const where = (path: unknown): string => (typeof path === 'string' && path ? ` ("${partTarget(basename(path))?.target ?? basename(path)}")` : '');

// PostgreSQL's SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
const PG_SERIALIZATION_FAILURE = '40001';
const PG_DEADLOCK = '40P01';
const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';
const PG_LOCK_NOT_AVAILABLE = '55P03';

const codeOf = (e: unknown): string | undefined => {
  const code = e && typeof e === 'object' ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Whether `e` is a conflict with another writer that running the same transaction again resolves: a
 * PostgreSQL serialization failure or deadlock (the server rolled this transaction back so the other
 * could go on). `duplicate`: also a unique violation, for a writer that recomputes everything it
 * writes (a billing run that raced another run of the month).
 */
export function isTransientConflict(e: unknown, o: { duplicate?: boolean } = {}): boolean {
  const code = codeOf(e);
  return code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK || (o.duplicate === true && code === PG_UNIQUE_VIOLATION);
}

/**
 * The unique keys a clerk can collide on, named as the clerk knows them: PostgreSQL names the
 * constraint that refused, SQLite the table and column ("UNIQUE constraint failed: person.nik"). Sigap
 * checks each before writing (and says who holds the NIK, the code, the name…); only another computer's
 * commit between that check and the write reaches the key itself.
 */
const UNIQUE_KEYS: readonly { pg: string; sqlite: string; what: string }[] = [
  { pg: 'person_nik_key', sqlite: 'person.nik', what: 'NIK ini' },
  { pg: 'opd_code_key', sqlite: 'opd.code', what: 'Kode OPD ini' },
  { pg: 'opd_name_key_key', sqlite: 'opd.name_key', what: 'Nama OPD/pekon ini' },
  { pg: 'unit_alias_alias_key_key', sqlite: 'unit_alias.alias_key', what: 'Nama lain OPD ini' },
  { pg: 'category_name_key', sqlite: 'category.name', what: 'Nama kategori ini' },
  { pg: 'app_user_username_key', sqlite: 'app_user.username', what: 'Nama pengguna ini' },
  { pg: 'employer_registration_npp_key', sqlite: 'employer_registration.npp', what: 'NPP ini' },
  { pg: 'bpjs_profile_name_key', sqlite: 'bpjs_profile.name', what: 'Nama profil ini' },
  { pg: 'decree_number_applied', sqlite: 'decree.number', what: 'Nomor SK ini' },
];

/** Which of those keys refused `e`, if one did. */
function uniqueKeyOf(e: object): string | undefined {
  const constraint = (e as { constraint?: unknown }).constraint;
  const message = (e as { message?: unknown }).message;
  const column = typeof message === 'string' ? /^UNIQUE constraint failed: ([\w.]+)$/.exec(message)?.[1] : undefined;
  return UNIQUE_KEYS.find((k) => k.pg === constraint || k.sqlite === column)?.what;
}

/** The SigapError a machine fault becomes, or null when `e` is not one (a bug stays INTERNAL). */
export function faultToSigapError(e: unknown): SigapError | null {
  if (e instanceof SigapError) return e;
  if (!e || typeof e !== 'object') return null;
  // A trigger refusing a change (issued invoice, audit trail), on either engine: db/refusals.ts.
  // The server went away or cannot be reached (refused, shut down, connection lost): store/pg-errors.ts.
  const refused = refusalToSigapError(e) ?? pgConnectionLost(e);
  if (refused) return refused;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const path = (e as { path?: unknown }).path;
  // SQLite's extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE…) keep
  // the primary code as their prefix.
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_')) {
    return new SigapError('DB_BUSY', 'Basis data sedang dipakai oleh proses lain (mis. impor SK atau pencadangan yang sedang berjalan). Tunggu sampai selesai, lalu coba lagi.');
  }
  if (code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK) {
    return new SigapError('CONFLICT', 'Data yang sama sedang diubah di komputer lain pada saat yang sama, sehingga perubahan ini dibatalkan (tidak ada yang tersimpan sebagian). Coba lagi.');
  }
  if (code === PG_UNIQUE_VIOLATION || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const what = uniqueKeyOf(e);
    if (what) return new SigapError('CONFLICT', `${what} baru saja dipakai untuk data lain di komputer lain, sehingga perubahan ini dibatalkan (tidak ada yang tersimpan sebagian). Muat ulang datanya, lalu periksa kembali.`);
    return new SigapError('CONFLICT', 'Data yang sama baru saja disimpan di komputer lain, sehingga perubahan ini dibatalkan (tidak ada yang tersimpan sebagian). Muat ulang datanya, lalu coba lagi.');
  }
  // A row this change refers to was removed meanwhile (a registration deleted while a unit was being
  // assigned to it), or one that refers to the row being removed was added (an incident recorded for a
  // person an SK withdrawal removes). Sigap checks both before writing; the other computer's commit came
  // between the check and the write.
  if (code === PG_FOREIGN_KEY_VIOLATION || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new SigapError('CONFLICT', 'Data yang dirujuk perubahan ini baru saja diubah atau dihapus di komputer lain, sehingga perubahan ini dibatalkan (tidak ada yang tersimpan sebagian). Muat ulang datanya, lalu coba lagi.');
  }
  if (code === PG_LOCK_NOT_AVAILABLE || code === '57014') {
    return new SigapError('DB_BUSY', 'Data yang diperlukan sedang dikunci oleh proses lain (mis. penagihan atau impor SK di komputer lain) terlalu lama. Tunggu sampai selesai, lalu coba lagi.');
  }
  // PostgreSQL stores no NUL character in text (SQLite does): a pasted or fuzzed value carrying one.
  if (code === '22021' || code === '22P05') {
    return new SigapError('INVALID_INPUT', 'Teks berisi karakter yang tidak dapat disimpan (mis. karakter NUL dari salinan berkas lain). Hapus karakter itu, lalu coba lagi.');
  }
  if (code === '53100') {
    return new SigapError('DISK_FULL', 'Ruang disk server basis data penuh: perubahan tidak disimpan. Minta pengelola server (Diskominfo) mengosongkan ruang disk, lalu coba lagi.');
  }
  if (code === '25006') {
    return new SigapError('DB_READONLY', 'Server basis data hanya dapat dibaca (mis. server cadangan/replika): perubahan tidak disimpan. Hubungkan Sigap ke server utama, lalu coba lagi.');
  }
  if (code === '28P01' || code === '28000') {
    return new SigapError('DB_UNREADABLE', 'Server basis data menolak login (nama pengguna atau kata sandi salah, atau tidak diizinkan). Periksa alamat basis data (postgres://…), lalu coba lagi.');
  }
  if (code === '42501') {
    return new SigapError('FORBIDDEN', 'Peran basis data yang dipakai Sigap tidak berhak melakukan perubahan ini (mis. mengubah jejak audit). Hubungi pengelola server basis data.');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new SigapError('DISK_FULL', `Ruang disk penuh${where(path)}: perubahan tidak disimpan. Kosongkan ruang disk (hapus berkas yang tidak perlu), lalu coba lagi.`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY_')) {
    return new SigapError('DB_READONLY', 'Basis data hanya dapat dibaca (berkas atau foldernya tidak boleh ditulis, atau disk dikunci): perubahan tidak disimpan. Periksa izin berkas basis data, lalu coba lagi.');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new SigapError('FILE_NOT_WRITABLE', `Berkas atau folder${where(path)} tidak dapat ditulis (izin ditolak atau disk hanya-baca). Pilih folder lain atau periksa izinnya, lalu coba lagi.`);
  }
  // A folder named where a file was meant (`sigap backup check D:\\`), or a file where a folder was.
  if (code === 'EISDIR') {
    const name = where(path);
    return new SigapError('INVALID_INPUT', `${name ? `${name.trim().slice(1, -1)} adalah` : 'Yang disebut sebagai berkas ternyata'} sebuah folder, bukan berkas. Sebutkan berkasnya di dalam folder itu, lalu coba lagi.`);
  }
  if (code === 'ENOTDIR' || (code === 'EEXIST' && (e as { syscall?: unknown }).syscall === 'mkdir')) {
    return new SigapError('INVALID_INPUT', `Jalur${where(path)} melewati sebuah berkas seolah-olah folder. Periksa jalurnya, lalu coba lagi.`);
  }
  if (code === 'ENOENT' && typeof path === 'string') {
    return new SigapError('NOT_FOUND', `Berkas atau folder${where(path)} tidak ditemukan. Periksa jalurnya, lalu coba lagi.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new SigapError('DISK_ERROR', `Disk gagal membaca atau menulis${where(path)} (penuh, dilepas, atau rusak): perubahan tidak disimpan. Periksa disk, lalu coba lagi.`);
  }
  return null;
}
