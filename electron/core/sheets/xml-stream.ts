import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { SigapError } from '../errors';
import type { ZipFile } from './zip-read';

/** Element handlers for one XML part; names are local (a `x:` or `table:` prefix removed). */
export interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  text?(text: string): void;
  close(name: string): void;
}

export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Parses a zip part with saxes as it inflates (`what` names it in the message, e.g. the sheet), and yields what the handlers put in `out` after each chunk,
 * so rows flow out as the XML flows in. Malformed XML stops the read with FILE_UNREADABLE naming the part:
 * never a stack trace, never half a sheet taken as the whole.
 */
export async function* streamXml<T>(zip: ZipFile, part: string, h: XmlHandlers, out: T[], limit?: number, what = `isi ${part}`): AsyncGenerator<T> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (t) => h.open(localName(t.name), t.attributes as Record<string, string>));
  parser.on('closetag', (t) => h.close(localName(t.name)));
  if (h.text) {
    const text = h.text.bind(h);
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const dec = new StringDecoder('utf8');
  let first = true;
  try {
    for await (const chunk of zip.chunks(part, limit)) {
      let s = dec.write(chunk);
      if (first && s.length > 0) {
        s = s.replace(/^\uFEFF/, '');
        first = false;
      }
      parser.write(s);
      if (out.length > 0) for (const x of out.splice(0)) yield x;
    }
    parser.write(dec.end());
    parser.close();
    if (out.length > 0) for (const x of out.splice(0)) yield x;
  } catch (e) {
    if (e instanceof SigapError) throw e;
    throw new SigapError('FILE_UNREADABLE', `Berkas "${zip.label}" rusak: ${what} bukan XML yang sah${e instanceof Error ? ` (${e.message.split('\n')[0]!.slice(0, 120)})` : ''}. Simpan ulang berkas dari Excel atau LibreOffice.`);
  }
}

/** Parses a whole small part (workbook, relationships, styles, shared strings) for its side effects. */
export async function parseXml(zip: ZipFile, part: string, h: XmlHandlers, limit?: number): Promise<void> {
  for await (const _ of streamXml<never>(zip, part, h, [], limit)) void _;
}

/** True for the attribute values OOXML and ODF use for "on". */
export function isOn(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}
