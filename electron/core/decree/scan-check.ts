import { SigapError } from '../errors';
import { DECREE_SCAN_MAX_BYTES } from '../db/migrations/0140-decree-attachment';

export type ScanMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export const SCAN_EXTENSION: Record<ScanMediaType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** PDF writers may append a few bytes (a newline, padding) after %%EOF; readers look for it near the end. */
const PDF_TAIL = 1024;

const megabytes = (n: number) => `${(n / 1048576).toLocaleString('id-ID', { maximumFractionDigits: 1 })} MB`;

function refuse(name: string, why: string): never {
  throw new SigapError('INVALID_INPUT', `Berkas "${name}" tidak dapat dilampirkan sebagai pindaian SK: ${why}`);
}

function isPdf(b: Buffer, name: string): boolean {
  if (b.subarray(0, 5).toString('latin1') !== '%PDF-') return false;
  if (!/^%PDF-[12]\.\d/.test(b.subarray(0, 8).toString('latin1'))) refuse(name, 'kepala PDF-nya rusak (versi PDF tidak terbaca).');
  if (!b.subarray(Math.max(0, b.length - PDF_TAIL)).toString('latin1').includes('%%EOF')) {
    refuse(name, 'PDF-nya terpotong (tanda akhir %%EOF tidak ada). Salin ulang berkas dari pemindai.');
  }
  return true;
}

function isJpeg(b: Buffer, name: string): boolean {
  if (!(b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff)) return false;
  // Some cameras pad after the end-of-image marker; skip trailing zero bytes before looking for it.
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00) end--;
  if (!(b[end - 2] === 0xff && b[end - 1] === 0xd9)) refuse(name, 'JPEG-nya terpotong (penanda akhir gambar tidak ada). Pindai atau salin ulang.');
  return true;
}

function isPng(b: Buffer, name: string): boolean {
  if (b.length < 8 || !b.subarray(0, 8).equals(PNG_SIGNATURE)) return false;
  // The first chunk must be IHDR, 13 bytes long, with a non-zero width and height.
  const ihdr = b.length >= 33 && b.readUInt32BE(8) === 13 && b.subarray(12, 16).toString('latin1') === 'IHDR';
  if (!ihdr || b.readUInt32BE(16) === 0 || b.readUInt32BE(20) === 0) refuse(name, 'PNG-nya rusak (bagian IHDR tidak sah).');
  if (!b.subarray(b.length - 12).equals(PNG_IEND)) refuse(name, 'PNG-nya terpotong (bagian IEND di akhir tidak ada).');
  return true;
}

/** Refuses an empty file or one over the limit; called on the file's size before its bytes are read. */
export function checkScanSize(size: number, name: string): void {
  if (size === 0) refuse(name, 'berkasnya kosong.');
  if (size > DECREE_SCAN_MAX_BYTES) {
    refuse(name, `ukurannya ${megabytes(size)}, melebihi batas ${megabytes(DECREE_SCAN_MAX_BYTES)}. Pindai ulang dengan resolusi lebih rendah (mis. 150 dpi) atau hitam-putih.`);
  }
}

/**
 * What a scan is, from its bytes alone (the name's extension is not trusted): a PDF, a JPEG or a PNG
 * that starts and ends as one. Anything else, an empty file or one over 20 MB is refused with a
 * message naming the file.
 */
export function checkScan(bytes: Buffer, name: string): ScanMediaType {
  checkScanSize(bytes.length, name);
  if (isPdf(bytes, name)) return 'application/pdf';
  if (isJpeg(bytes, name)) return 'image/jpeg';
  if (isPng(bytes, name)) return 'image/png';
  return refuse(name, 'isinya bukan PDF, JPEG, atau PNG (isi berkas yang diperiksa, bukan namanya). Simpan pindaian sebagai PDF atau gambar JPEG/PNG.');
}
