/** HTTP status codes and the server's own Indonesian refusals, in one place. */
import type { FastifyReply } from 'fastify';
import type { Reply } from '../../shared/contract/index';
import type { ErrorCode } from '../../shared/errors';

/**
 * The HTTP status that carries a contract reply. The body is always the contract's Reply (exactly as
 * over IPC); the status lets proxies, logs and a browser's network panel tell a refusal from a fault.
 */
export function httpStatus(reply: Reply<unknown>): number {
  if (reply.ok) return 200;
  const code: ErrorCode = reply.error.code;
  switch (code) {
    case 'AUTH_REQUIRED':
    case 'AUTH_FAILED':
      return 401;
    case 'FORBIDDEN':
    case 'PASSWORD_CHANGE_REQUIRED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'LOCKED':
      return 423;
    case 'CONFLICT':
    case 'DECREE_EXISTS':
    case 'OVERPAYMENT':
    case 'CONFIRM_REQUIRED':
      return 409;
    case 'DB_BUSY':
    case 'DB_UNREADABLE':
    case 'DB_READONLY':
    case 'DISK_FULL':
    case 'DISK_ERROR':
    case 'FILE_NOT_WRITABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default:
      return 400;
  }
}

/** A JSON answer that no cache keeps. */
export const send = (reply: FastifyReply, body: unknown, status: number) => reply.code(status).header('cache-control', 'no-store').send(body);

export const refusal = (code: ErrorCode, message: string): Reply<never> => ({ ok: false, error: { code, message } });

export const MSG = {
  signIn: 'Silakan masuk terlebih dahulu.',
  csrf: 'Permintaan ditolak: token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
  crossSite: 'Permintaan dari situs lain ditolak.',
  unknownRoute: 'Alamat tidak dikenal di server Sigap.',
  unknownCall: 'Perintah tidak dikenal.',
  badJson: 'Isi permintaan bukan JSON yang sah.',
  badType: 'Jenis isi permintaan tidak didukung: kirim JSON (application/json) atau berkas (application/octet-stream).',
  badRequest: 'Permintaan tidak sah.',
  tooLarge: (bytes: number) => `Permintaan terlalu besar (batas ${bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`}).`,
  closing: 'Server Sigap sedang berhenti. Coba lagi sebentar lagi.',
  internal: 'Terjadi kesalahan internal. Rincian dicatat di log server.',
  throttled: (minutes: number) => `Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam ${minutes} menit.`,
  noFile: 'Berkas unduhan tidak ditemukan atau sudah kedaluwarsa. Jalankan perintahnya lagi.',
  uploadName: 'Nama berkas unggahan wajib diisi (?name=...).',
  restore: 'Memulihkan cadangan tidak dilakukan lewat server: hentikan layanan Sigap, pulihkan dengan "sigap backup restore", lalu jalankan lagi.',
  tooManySessions: 'Terlalu banyak sesi terbuka di server ini. Coba lagi nanti.',
} as const;
