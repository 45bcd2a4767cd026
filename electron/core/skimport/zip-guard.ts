import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { SigapError } from '../errors';

/** What an SK appendix may unpack to. A real one is a few MB; 100,000 rows are about 60 MB of XML. */
export const ZIP_LIMITS = { totalBytes: 800 * 1024 * 1024, entryBytes: 600 * 1024 * 1024, entries: 5000 };

/**
 * Reads a workbook's zip directory before any inflating: a truncated file (no end-of-directory record)
 * and a zip bomb (entries declaring huge sizes) are refused with one clear message.
 */
export function checkZipDirectory(path: string, label: string): void {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" terpotong atau rusak (struktur .xlsx tidak lengkap). Salin ulang berkas dari sumbernya.`);
    }
    const entries = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (entries > ZIP_LIMITS.entries || dirOffset === 0xffffffff || dirOffset + dirSize > size) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" bukan .xlsx yang wajar (direktori zip tidak sah).`);
    }
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    for (let p = 0, n = 0; n < entries; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) {
        throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" rusak (direktori zip tidak terbaca).`);
      }
      const declared = dir.readUInt32LE(p + 24);
      // 0xFFFFFFFF means a ZIP64 size: more than 4 GB, far beyond any appendix.
      if (declared === 0xffffffff || declared > ZIP_LIMITS.entryBytes) {
        throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" berisi bagian yang terlalu besar saat dibuka (${declared === 0xffffffff ? 'lebih dari 4 GB' : `${Math.round(declared / 1048576)} MB`}). Berkas ini tidak diproses.`);
      }
      total += declared;
      p += 46 + dir.readUInt16LE(p + 28) + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    if (total > ZIP_LIMITS.totalBytes) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" terlalu besar saat dibuka (${Math.round(total / 1048576)} MB). Bagi lampiran menjadi beberapa berkas.`);
    }
  } finally {
    closeSync(fd);
  }
}
