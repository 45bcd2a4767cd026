/** The Pemda's logo as Pengaturan › Profil Pemda takes it from a file: small, PNG or JPEG, kept as a data URL. */
import { readFile } from 'node:fs/promises';
import { SigapError } from '../../../shared/errors';

/** The largest logo accepted: it travels in every printed document's HTML. */
const MAX_LOGO_BYTES = 700_000;

export async function logoDataUrl(path: string): Promise<string> {
  const bytes = await readFile(path);
  if (bytes.length > MAX_LOGO_BYTES) throw new SigapError('INVALID_INPUT', 'Logo terlalu besar (maksimal 700 KB).');
  const png = bytes[0] === 0x89 && bytes[1] === 0x50;
  const jpg = bytes[0] === 0xff && bytes[1] === 0xd8;
  if (!png && !jpg) throw new SigapError('INVALID_INPUT', 'Logo harus berkas PNG atau JPEG.');
  return `data:image/${png ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
}
