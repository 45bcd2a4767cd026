/**
 * PostgreSQL failures in words a clerk or the IT office can act on. Kept apart from open-store.ts and
 * free of any driver import, so the CLI's entry (electron/cli/main.ts) can use it without loading a
 * database driver for `sigap --help`.
 */
import { SigapError } from '../errors';

/** Socket errors meaning the server was not reached at all. */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EHOSTDOWN']);

/** The code of a driver or socket error (node gives an AggregateError when every address of a host refused). */
function errorCode(e: unknown): string {
  const err = e as { code?: unknown; errors?: unknown[] };
  if (typeof err?.code === 'string') return err.code;
  const inner = Array.isArray(err?.errors) ? err.errors.map(errorCode).find((c) => c !== '') : undefined;
  return inner ?? '';
}

/**
 * Why a PostgreSQL server could not be used, in words a clerk or the IT office can act on: never the
 * driver's own English text (the SQLSTATE code is named, for the DBA's log search).
 */
export function describePgError(e: unknown, where: string): SigapError {
  if (e instanceof SigapError) return e;
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : String(e);
  // The driver's error stays attached as the cause, for a debugger or a log; the message is ours.
  const fail = (text: string) => Object.assign(new SigapError('DB_UNREADABLE', text), { cause: e });
  if (UNREACHABLE.has(code) || /timeout|terminated unexpectedly/i.test(message)) {
    return fail(`Server PostgreSQL ${where} tidak dapat dihubungi${code ? ` (${code})` : ''}. Periksa alamat dan port-nya, apakah layanannya berjalan, dan apakah jaringan ke server itu terbuka.`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return fail(`Alamat server PostgreSQL ${where} tidak dikenal (${code}). Periksa nama server pada alamatnya.`);
  if (code === '28P01') return fail(`Server PostgreSQL ${where} menolak kata sandinya (28P01). Periksa kata sandi pengguna pada alamat basis data.`);
  if (code === '28000') {
    return /pg_hba/i.test(message)
      ? fail(`Server PostgreSQL ${where} tidak menerima sambungan dari komputer ini (28000, pg_hba.conf). Minta DBA mengizinkan alamat komputer ini.`)
      : fail(`Server PostgreSQL ${where} menolak nama penggunanya (28000). Periksa nama pengguna pada alamat basis data, atau minta DBA membuatnya.`);
  }
  if (code === '3D000') return fail(`Basis data PostgreSQL ${where} tidak ada (3D000). Buat dahulu (lihat README, bagian PostgreSQL) atau periksa namanya pada alamat.`);
  if (code === '42501') return fail(`Pengguna PostgreSQL untuk ${where} tidak berhak membuat atau mengubah tabel Sigap (42501). Minta DBA memberi hak pada skemanya.`);
  if (code === '53300') return fail(`Server PostgreSQL ${where} sedang penuh: terlalu banyak sambungan (53300). Coba lagi sebentar lagi, atau minta DBA menaikkan max_connections.`);
  if (code === '57P03') return fail(`Server PostgreSQL ${where} sedang dinyalakan atau dimatikan (57P03). Coba lagi sebentar lagi.`);
  if (/SSL/.test(message)) return fail(`Sambungan aman (SSL) ke server PostgreSQL ${where} tidak dapat dibuat. Sesuaikan sslmode pada alamatnya dengan pengaturan server.`);
  return fail(`Basis data PostgreSQL ${where} tidak dapat dibuka${code ? ` (kode ${code})` : ''}. Periksa alamatnya dan sampaikan kode ini kepada DBA.`);
}

/**
 * A PostgreSQL connection lost in the middle of a command (the server restarted or stopped, the
 * network dropped, the DBA ended the session), in Indonesian; null for any other error. The
 * transaction it was in is rolled back by the server, so nothing half-done stays.
 */
export function pgConnectionLost(e: unknown): SigapError | null {
  const code = errorCode(e);
  const message = e instanceof Error ? e.message : '';
  const lost = code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === 'ECONNRESET' || code === 'EPIPE'
    || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || /Connection terminated|connection terminated|Client has encountered a connection error/.test(message);
  if (!lost) return null;
  return new SigapError('DB_UNREADABLE', `Sambungan ke server PostgreSQL terputus di tengah perintah${code ? ` (${code})` : ''}: perubahan yang belum selesai dibatalkan oleh server. Periksa jaringan dan servernya, lalu jalankan perintah ini lagi.`);
}
