import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A small zip file (a branch office's blank template, a few hundred KB at most) held in memory: its
 * entries read through the central directory, and a copy written with some entries replaced and every
 * other entry's bytes (local header, compressed data, data descriptor) copied unchanged. exceljs and
 * similar libraries rebuild every part of a workbook and lose what they do not model (validations on
 * other sheets, hidden sheets' states, extLst); copying the zip leaves those parts byte-identical.
 *
 * Zip64 and multi-disk archives are refused: no spreadsheet template needs them.
 */

export interface RawEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the entry's bytes end in the file (the next entry's local header, or the central directory). */
  localEnd: number;
  /** The central directory record, name, extra field and comment included. */
  central: Buffer;
}

export class ZipFormatError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEocd(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) if (buf.readUInt32LE(i) === EOCD) return i;
  throw new ZipFormatError('no end of central directory');
}

export function readEntries(buf: Buffer): RawEntry[] {
  const eocd = findEocd(buf);
  const count = buf.readUInt16LE(eocd + 10);
  const dirStart = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff || buf.readUInt16LE(eocd + 4) !== 0) throw new ZipFormatError('zip64 or multi-disk archive');
  const entries: RawEntry[] = [];
  let p = dirStart;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipFormatError(`bad central directory entry ${n}`);
    const len = 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (localOffset + 30 > dirStart || buf.readUInt32LE(localOffset) !== LOCAL) throw new ZipFormatError(`bad local header ${n}`);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)),
      flags: buf.readUInt16LE(p + 8), method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20), size: buf.readUInt32LE(p + 24),
      localOffset, localEnd: 0, central: Buffer.from(buf.subarray(p, p + len)),
    });
    p += len;
  }
  // Each entry's bytes run to the next entry's local header (data descriptors included).
  const starts = [...entries.map((e) => e.localOffset), dirStart].sort((a, b) => a - b);
  for (const e of entries) e.localEnd = starts[starts.indexOf(e.localOffset) + 1]!;
  return entries;
}

function dataStart(buf: Buffer, e: RawEntry): number {
  return e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
}

/** An entry's content (stored or deflated). */
export function entryBytes(buf: Buffer, e: RawEntry): Buffer {
  const raw = buf.subarray(dataStart(buf, e), dataStart(buf, e) + e.compressedSize);
  if (e.method === 0) return Buffer.from(raw);
  if (e.method === 8) return inflateRawSync(raw, { maxOutputLength: 256 * 1024 * 1024 });
  throw new ZipFormatError(`entry ${e.name}: compression method ${e.method}`);
}

/**
 * The zip with the named entries' content replaced (deflated), everything else copied byte for byte, in
 * the original order. A replaced entry keeps its name, time and central-directory attributes; it loses
 * only its extra field and data descriptor, which described the old content.
 */
export function replaceEntries(buf: Buffer, entries: RawEntry[], replace: Map<string, Buffer>): Buffer {
  const out: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of [...entries].sort((a, b) => a.localOffset - b.localOffset)) {
    const content = replace.get(e.name);
    const central = Buffer.from(e.central);
    central.writeUInt32LE(offset, 42);
    if (!content) {
      const bytes = buf.subarray(e.localOffset, e.localEnd);
      out.push(bytes);
      centrals.push(central);
      offset += bytes.length;
      continue;
    }
    const data = deflateRawSync(content, { level: 6 });
    const crc = crc32(content);
    const name = Buffer.from(e.name, 'utf8');
    const flags = e.flags & ~0x0008; // sizes are in the headers now: no data descriptor
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    buf.copy(local, 10, e.localOffset + 10, e.localOffset + 14); // the entry's own time and date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    out.push(local, name, data);
    offset += 30 + name.length + data.length;
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    const nameLen = central.readUInt16LE(28);
    const extraLen = central.readUInt16LE(30);
    central.writeUInt16LE(0, 30);
    centrals.push(Buffer.concat([central.subarray(0, 46 + nameLen), central.subarray(46 + nameLen + extraLen)]));
  }
  const dir = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(EOCD, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, eocd]);
}
