import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { SigapError } from '../errors';
import { checkZipDirectory, ZIP_LIMITS, type ZipEntry } from './zip-guard';

/**
 * Random access to the parts of a zip (an .xlsx or .ods) through its central directory, so a reader can
 * take the parts in the order it needs them (workbook, relationships, shared strings, then each sheet)
 * whatever order the writer stored them in. Every part is inflated as a stream and the bytes really
 * inflated are counted: a part that inflates past what the directory declared, or past the limits, stops
 * the read at once (a lying directory is how a small file becomes gigabytes in memory).
 */
export class ZipFile {
  readonly entries: Map<string, ZipEntry>;
  private inflated = 0;

  constructor(readonly path: string, readonly label: string, entries?: ZipEntry[]) {
    // Part names are case-insensitive in OPC (ECMA-376 part 2), and some writers differ in case.
    this.entries = new Map((entries ?? checkZipDirectory(path, label)).map((e) => [e.name.toLowerCase(), e]));
  }

  has(name: string): boolean {
    return this.entries.has(name.toLowerCase());
  }

  /** The part's inflated bytes, chunk by chunk; `limit` caps it below the general part limit. */
  async *chunks(name: string, limit = ZIP_LIMITS.entryBytes): AsyncGenerator<Buffer> {
    const e = this.entries.get(name.toLowerCase());
    if (!e) throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" tidak dapat dibaca: bagian ${name} tidak ada di dalamnya. Simpan ulang berkas dari Excel atau LibreOffice.`);
    if (e.method !== 0 && e.method !== 8) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" tidak dapat dibaca: bagian ${e.name} dipadatkan dengan cara yang tidak dikenal (metode ${e.method}). Simpan ulang berkas dari Excel.`);
    }
    if (e.compressedSize === 0) return;
    const start = this.dataStart(e);
    const raw = createReadStream(this.path, { start, end: start + e.compressedSize - 1, highWaterMark: 256 * 1024 });
    const inflate = e.method === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
    const src = inflate ? raw.pipe(inflate) : raw;
    if (inflate) raw.on('error', (err) => inflate.destroy(err));
    let n = 0;
    try {
      for await (const chunk of src as AsyncIterable<Buffer>) {
        n += chunk.length;
        this.inflated += chunk.length;
        if (n > e.declaredSize) {
          throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" rusak atau berbahaya: bagian ${e.name} berisi lebih banyak data daripada yang dinyatakan direktori zip-nya (${e.declaredSize.toLocaleString('id-ID')} byte). Pembacaan dihentikan; berkas ini tidak diproses.`);
        }
        if (n > limit || this.inflated > ZIP_LIMITS.totalBytes) {
          throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" terlalu besar saat dibuka (bagian ${e.name} lebih dari ${Math.round(Math.min(limit, ZIP_LIMITS.totalBytes) / 1048576)} MB). Pembacaan dihentikan; bagi lampiran menjadi beberapa berkas.`);
        }
        yield chunk;
      }
    } catch (err) {
      if (err instanceof SigapError) throw err;
      throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" rusak: bagian ${e.name} tidak dapat dibuka (${(err as { code?: string }).code ?? 'data zip tidak sah'}). Salin ulang berkas dari sumbernya atau simpan ulang dari Excel.`);
    } finally {
      raw.destroy();
      inflate?.destroy();
    }
  }

  private dataStart(e: ZipEntry): number {
    const head = Buffer.alloc(30);
    const fd = openSync(this.path, 'r');
    try {
      readSync(fd, head, 0, 30, e.localOffset);
    } finally {
      closeSync(fd);
    }
    if (head.readUInt32LE(0) !== 0x04034b50) {
      throw new SigapError('FILE_UNREADABLE', `Berkas "${this.label}" rusak (bagian ${e.name} tidak ditemukan di tempat yang dinyatakan direktori zip).`);
    }
    return e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
  }
}
