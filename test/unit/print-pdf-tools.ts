/** pdfinfo / pdftotext (poppler) for the print tests. */
import { execFileSync } from 'node:child_process';

export function pdfInfo(path: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The PDF's text with runs of whitespace collapsed to one space (tables and wrapped lines). */
export function pdfText(path: string, opts: { first?: number; last?: number } = {}): string {
  const args = ['-layout'];
  if (opts.first) args.push('-f', String(opts.first));
  if (opts.last) args.push('-l', String(opts.last));
  return execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(/\s+/g, ' ');
}

/** mm to PDF points. */
export const pts = (mm: number) => (mm / 25.4) * 72;
