import { readFileSync, writeFileSync } from 'node:fs';

/** MS-DOS date and time words as zip stores them (2-second resolution, no time zone). */
function dosDateTime(wall: Date): { date: number; time: number } {
  const y = Math.min(Math.max(wall.getUTCFullYear(), 1980), 2107);
  return {
    date: ((y - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate(),
    time: (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | Math.floor(wall.getUTCSeconds() / 2),
  };
}

/**
 * Sets the modification time of every entry of a zip file to one moment. exceljs's zip writer stamps
 * entries with the time of writing, so the same workbook written twice would differ in these bytes;
 * stamping them with the batch time makes a regenerated batch byte-identical. `wall` is the time to
 * show, read in UTC fields (callers pass the office's wall-clock time).
 *
 * Walks the central directory (exact offsets, unlike scanning for signatures in compressed data) and
 * patches each entry there and in its local header.
 */
export function stampZipTimes(path: string, wall: Date): void {
  const buf = readFileSync(path);
  const { date, time } = dosDateTime(wall);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`zip-stamp: no end of central directory in ${path}`);
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`zip-stamp: bad central directory entry ${n} in ${path}`);
    buf.writeUInt16LE(time, p + 12);
    buf.writeUInt16LE(date, p + 14);
    const local = buf.readUInt32LE(p + 42);
    if (buf.readUInt32LE(local) !== 0x04034b50) throw new Error(`zip-stamp: bad local header ${n} in ${path}`);
    buf.writeUInt16LE(time, local + 10);
    buf.writeUInt16LE(date, local + 12);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  writeFileSync(path, buf);
}
