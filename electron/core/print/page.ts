/**
 * Building blocks of every printed document (invoices, recaps, reminder letters, coverage reports):
 * escaping, the base CSS, the Pemda letterhead (kop surat), signature blocks, and the join of a
 * document's `css` and `body` into one self-contained HTML page for the PDF printer.
 *
 * Rules for all markup built here: classes only (the renderer's CSP forbids style attributes), no
 * scripts, images only as data URLs, every piece of data passed through `escapeHtml`.
 */
import { cssPageSize, type Paper } from '../../../shared/paper';
import type { Letterhead } from '../../../shared/billing-types';
import { guessSigningPlace } from '../../../shared/contract/settings';
import { formatNip } from '../../../shared/nip';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or a number) safe inside an element or a quoted attribute. Null and undefined print nothing. */
export function escapeHtml(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Shorthand: escaped text. */
export const h = escapeHtml;

/** A data URL the printed page may show: PNG, JPEG or GIF, base64. Anything else is dropped. */
export function safeImageDataUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^data:image\/(png|jpeg|jpg|gif);base64,[A-Za-z0-9+/=\s]+$/.test(url) ? url : null;
}

/** Margins of the printed page (mm): a wider left margin for binding, as on official letters. */
export const PAGE_MARGINS_MM = { top: 15, right: 15, bottom: 16, left: 20 } as const;

/**
 * The base CSS of every printed document. Sizes in pt/mm so the preview and the PDF agree.
 * Tables repeat their `thead` on every page; rows never split; `tfoot` prints once, at the end.
 */
export const BASE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: Arial, "Liberation Sans", "DejaVu Sans", Helvetica, sans-serif; font-size: 9.5pt; line-height: 1.3; color: #000; background: #fff; }
p { margin: 0 0 2mm; }
h1, h2, h3 { margin: 0; font-weight: bold; }
.doc-title { text-align: center; font-size: 12pt; margin: 2mm 0 1mm; text-transform: uppercase; letter-spacing: 0.02em; }
.doc-subtitle { text-align: center; font-size: 9.5pt; margin: 0 0 3mm; }
.doc-number { text-align: center; margin: 0 0 4mm; }
.section-title { font-size: 10.5pt; margin: 5mm 0 2mm; }
.muted { color: #444; }
.small { font-size: 8.5pt; }
.nowrap { white-space: nowrap; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
.strong { font-weight: bold; }
.caps { text-transform: uppercase; }

/* Kop surat: logo left, the Pemda's name centred, a double rule underneath. */
.kop { display: flex; align-items: center; gap: 4mm; padding-bottom: 2mm; border-bottom: 0.6mm solid #000; position: relative; margin-bottom: 0.7mm; }
.kop-rule { border-top: 0.25mm solid #000; margin: 0 0 4mm; }
.kop-logo { width: 20mm; height: 22mm; object-fit: contain; flex: none; }
.kop-logo-space { width: 20mm; flex: none; }
.kop-text { flex: 1; text-align: center; }
/* A long office name breaks into two even lines ("BADAN PENGELOLAAN KEUANGAN / DAN ASET DAERAH"), never one word alone. */
.kop-pemda { font-size: 14pt; font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em; text-wrap: balance; }
.kop-unit { font-size: 13pt; font-weight: bold; text-transform: uppercase; text-wrap: balance; }
.kop-line { font-size: 9pt; }

/* Label : value lists (invoice header, letter head). */
table.fields { border-collapse: collapse; margin: 0 0 3mm; }
table.fields td { padding: 0.2mm 0; vertical-align: top; }
table.fields td.label { width: 42mm; padding-right: 2mm; }
table.fields td.colon { width: 4mm; }

/* Data tables. */
table.grid { width: 100%; border-collapse: collapse; margin: 0 0 3mm; }
table.grid th, table.grid td { border: 0.2mm solid #000; padding: 1mm 1.5mm; vertical-align: top; }
table.grid th { background: #e6e6e6; font-weight: bold; text-align: center; vertical-align: middle; }
table.grid thead { display: table-header-group; }
table.grid tfoot { display: table-row-group; }
table.grid tr { break-inside: avoid; page-break-inside: avoid; }
table.grid tr.total td { font-weight: bold; background: #f2f2f2; }
table.grid tr.subtotal td { font-weight: bold; }

.words { border: 0.2mm solid #000; padding: 1.5mm 2mm; margin: 0 0 3mm; font-style: italic; }
.words .label { font-style: normal; font-weight: bold; }
.note { font-size: 8.5pt; margin: 0 0 2mm; }
.notes { font-size: 8.5pt; margin: 0 0 3mm; padding-left: 5mm; }
.notes li { margin-bottom: 0.5mm; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.page-break { break-before: page; page-break-before: always; }

/* Signature blocks: one column per official; place and date above the last column. */
.signatures { break-inside: avoid; page-break-inside: avoid; margin-top: 4mm; }
.sig-row { display: flex; justify-content: space-between; gap: 6mm; }
.sig { flex: 1 1 0; min-width: 0; text-align: center; display: flex; flex-direction: column; }
.sig-caption { min-height: 4.8mm; }
/* The last column (under "Place, date") is wider so a long place name and date stay on one line. */
.sig:last-child { flex-grow: 1.35; }
.sig-title { font-weight: bold; }
.sig-space { flex: 1 0 18mm; min-height: 18mm; }
/* The name sits on one rule as wide as the name: a long name wraps into even lines above a single
   unbroken rule, instead of a text underline broken at every line end. */
.sig-name { font-weight: bold; align-self: center; max-width: 100%; border-bottom: 0.25mm solid #000; text-wrap: balance; overflow-wrap: anywhere; }
.sig-name.blank { font-weight: normal; border-bottom: none; }

/* Drafts: a banner at the top and a watermark on every page (fixed elements repeat when printed). */
.draft-banner { border: 0.5mm solid #000; text-align: center; font-weight: bold; padding: 1mm; margin: 0 0 2mm; letter-spacing: 0.05em; }
.draft-watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 110pt; font-weight: bold; color: rgba(0, 0, 0, 0.08); transform: rotate(-35deg); z-index: -1; letter-spacing: 0.1em; }

@media screen {
  html { background: #d9d9d9; }
  body { max-width: 210mm; margin: 6mm auto; padding: 15mm 15mm 16mm 20mm; box-shadow: 0 0 2mm rgba(0, 0, 0, 0.25); }
  .draft-watermark { position: absolute; }
}
`;

/** Upper-cases the first letter ("empat puluh ... rupiah" -> "Empat puluh ... rupiah"). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The kop surat: the Pemda's logo and name, optionally a unit line (the OPD's name) and its address,
 * then the Pemda's address and NPP, with the double rule underneath.
 */
export function letterheadHtml(lh: Letterhead, opts: { unitName?: string | null; unitAddress?: string | null } = {}): string {
  const logo = safeImageDataUrl(lh.logo);
  const lines: string[] = [`<div class="kop-pemda">${h(lh.pemda)}</div>`];
  if (opts.unitName) lines.push(`<div class="kop-unit">${h(opts.unitName)}</div>`);
  const address = opts.unitName ? (opts.unitAddress ?? lh.address) : lh.address;
  if (address) lines.push(`<div class="kop-line">${h(address)}</div>`);
  if (lh.npp) lines.push(`<div class="kop-line">NPP BPJS Ketenagakerjaan: ${h(lh.npp)}</div>`);
  return `<header class="kop">${logo ? `<img class="kop-logo" src="${h(logo)}" alt="Logo">` : '<div class="kop-logo-space"></div>'}<div class="kop-text">${lines.join('')}</div><div class="kop-logo-space"></div></header><div class="kop-rule"></div>`;
}

export { formatNip } from '../../../shared/nip';

export interface SignatureBlock {
  /** A line above the title ("Mengetahui,", "Menyetujui,"); empty keeps the columns aligned. */
  caption?: string;
  /** The office as printed ("Kepala Dinas Sosial", "Bendahara Pengeluaran"). */
  title: string;
  name: string | null;
  nip: string | null;
}

/**
 * Signature blocks side by side with room to sign; "Place, date" (when given) above the last block. A block
 * without a name prints a dotted line to write it by hand.
 */
export function signatureBlocksHtml(blocks: SignatureBlock[], opts: { place?: string | null; dateLabel?: string; emptyColumnsBefore?: number }): string {
  const placeDate = opts.dateLabel ? `${opts.place ? `${h(opts.place)}, ` : ''}${h(opts.dateLabel)}` : '';
  const anyCaption = blocks.some((b) => b.caption);
  const cols = blocks.map((b) => {
    const name = b.name?.trim() ? `<div class="sig-name">${h(b.name.trim())}</div>` : '<div class="sig-name blank">(......................................)</div>';
    const nip = formatNip(b.nip);
    const caption = anyCaption ? `<div class="sig-caption">${h(b.caption ?? '')}</div>` : '';
    return `<div class="sig">${caption}<div class="sig-title">${h(b.title)}</div><div class="sig-space"></div>${name}<div class="sig-nip">NIP. ${nip ? h(nip) : '..............................'}</div></div>`;
  });
  // The date line sits over the last column: an invisible copy of the other columns keeps it aligned.
  const lead = '<div class="sig"></div>'.repeat(opts.emptyColumnsBefore ?? 0);
  const spacer = blocks.slice(0, -1).map(() => '<div class="sig"></div>').join('');
  const dateRow = placeDate ? `<div class="sig-row sig-date-row">${lead}${spacer}<div class="sig">${placeDate}</div></div>` : '';
  return `<div class="signatures">${dateRow}<div class="sig-row">${lead}${cols.join('')}</div></div>`;
}

/**
 * The place guessed from the Pemda's name (`Pemerintah Kabupaten Contoh` -> `Contoh`). Documents use
 * the configured signing place first: see `signingPlace` in ../billing/header.ts.
 */
export const placeFromPemda = guessSigningPlace;

/** A CSS string literal (for `content:`), safe inside a <style> element. */
export function cssString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\n\r]/g, ' ').replace(/</g, '\\3c ')}"`;
}

/** A printed document: what the renderer previews and the PDF is printed from. */
export interface PrintedDoc {
  title: string;
  css: string;
  body: string;
}

/**
 * One self-contained HTML document for the PDF printer: the `@page` rule for the paper (size,
 * margins, a page-number footer and an optional footer text), the document's CSS, then its body.
 */
export function toPdfHtml(doc: PrintedDoc, paper: Paper, opts: { landscape?: boolean; footer?: string } = {}): string {
  const m = PAGE_MARGINS_MM;
  const footer = opts.footer ? `@bottom-left { content: ${cssString(opts.footer)}; font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #444; }` : '';
  const page = `@page { size: ${cssPageSize({ paper, landscape: opts.landscape })}; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 7.5pt; color: #444; }
  ${footer} }`;
  // `</style` cannot occur in our CSS; guard anyway so a stray one cannot end the element early.
  const css = `${page}\n${doc.css}`.replace(/<\/style/gi, '<\\/style');
  return `<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8"><title>${h(doc.title)}</title><style>${css}</style></head><body>${doc.body}</body></html>`;
}

/** Counts the pages of a PDF: its `/Type /Page` objects (not the `/Pages` tree nodes). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}
