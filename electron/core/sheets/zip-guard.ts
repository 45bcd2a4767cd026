import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { SigapError } from '../errors';

/** What an SK appendix may unpack to. A real one is a few MB; 100,000 rows are about 60 MB of XML. */
export const ZIP_LIMITS = { totalBytes: 800 * 1024 * 1024, entryBytes: 600 * 1024 * 1024, entries: 5000 };

/** One part of a zip file, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when the part is read. */
  method: number;
  compressedSize: number;
  /** What the directory says the part inflates to; the reader holds the part to it. */
  declaredSize: number;
  localOffset: number;
}

/**
 * Reads a workbook's zip directory before any inflating: a truncated file (no end-of-directory record)
 * and a zip bomb (entries declaring huge sizes) are refused with one clear message. The sizes declared
 * here are only claims: `openZipEntry` (zip-read.ts) counts the bytes really inflated against them.
 */
export function checkZipDirectory(path: string, label: string): ZipEntry[] {
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
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" terpotong atau rusak (struktur .xlsx/.ods tidak lengkap). Salin ulang berkas dari sumbernya.`);
    }
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (count > ZIP_LIMITS.entries || dirOffset === 0xffffffff || dirOffset + dirSize > size) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" bukan lembar kerja .xlsx/.ods yang wajar (direktori zip tidak sah).`);
    }
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    const entries: ZipEntry[] = [];
    for (let p = 0, n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) {
        throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" rusak (direktori zip tidak terbaca).`);
      }
      const declared = dir.readUInt32LE(p + 24);
      // 0xFFFFFFFF means a ZIP64 size: more than 4 GB, far beyond any appendix.
      if (declared === 0xffffffff || declared > ZIP_LIMITS.entryBytes) {
        throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" berisi bagian yang terlalu besar saat dibuka (${declared === 0xffffffff ? 'lebih dari 4 GB' : `${Math.round(declared / 1048576)} MB`}). Berkas ini tidak diproses.`);
      }
      total += declared;
      const nameLen = dir.readUInt16LE(p + 28);
      entries.push({
        name: dir.toString('utf8', p + 46, p + 46 + nameLen),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        declaredSize: declared,
        localOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    if (total > ZIP_LIMITS.totalBytes) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${label}" terlalu besar saat dibuka (${Math.round(total / 1048576)} MB). Bagi lampiran menjadi beberapa berkas.`);
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}
