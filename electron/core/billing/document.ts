/**
 * Print models: everything the invoice and recap layouts show, computed here so the renderer only lays
 * out. An issued invoice prints from its frozen header and rate snapshot; a draft from live data.
 */
import type { CoreContext } from '../context';
import { SigapError } from '../../../shared/errors';
import { formatDateId, formatMonthId, isMonth } from '../../../shared/dates';
import { terbilangRupiah } from '../../../shared/terbilang';
import type { Amounts, InvoiceDocument, InvoiceKind, RecapDocument, RecapRow, Segment } from '../../../shared/billing-types';
import { getInvoice, invoiceLines, invoiceRates, listInvoices } from './invoices';
import { headerSnapshot, letterhead, signingPlace, storedHeader } from './header';
import { storeOf } from '../store/of-context';
import { documentRepo } from './document-repository';

const TITLES: Record<InvoiceKind, string> = {
  regular: 'TAGIHAN IURAN BPJS KETENAGAKERJAAN',
  supplementary: 'TAGIHAN TAMBAHAN IURAN BPJS KETENAGAKERJAAN',
  credit: 'NOTA KREDIT IURAN BPJS KETENAGAKERJAAN',
};
const SEGMENT_NAMES: Record<Segment, string> = { PU: 'Penerima Upah', BPU: 'Bukan Penerima Upah' };

function programRows(a: Amounts): InvoiceDocument['programs'] {
  const rows: InvoiceDocument['programs'] = [
    { program: 'JKK', employer: a.jkk, worker: 0, total: a.jkk },
    { program: 'JKM', employer: a.jkm, worker: 0, total: a.jkm },
    { program: 'JHT', employer: a.jhtEmployer, worker: a.jhtWorker, total: a.jhtEmployer + a.jhtWorker },
    { program: 'JP', employer: a.jpEmployer, worker: a.jpWorker, total: a.jpEmployer + a.jpWorker },
  ];
  // JKK and JKM are always shown (every enrolled category has them); JHT and JP only when billed.
  return rows.filter((r) => r.program === 'JKK' || r.program === 'JKM' || r.employer !== 0 || r.worker !== 0);
}

/** The invoice print model. `withLines: false` leaves the attachment out (writers that stream it). */
export async function invoiceDocument(ctx: CoreContext, ref: number | string, opts: { withLines?: boolean } = {}): Promise<InvoiceDocument> {
  const invoice = await getInvoice(ctx, ref);
  const header = (await storedHeader(ctx, invoice.id)) ?? (await headerSnapshot(ctx, invoice.opdId, invoice.registrationId));
  return {
    letterhead: { ...header.letterhead, logo: (await letterhead(ctx)).logo },
    unit: header.unit,
    place: header.place !== undefined ? header.place : await signingPlace(ctx, header.letterhead.pemda),
    invoice,
    title: `${TITLES[invoice.kind]} (${SEGMENT_NAMES[invoice.segment]})`,
    monthLabel: formatMonthId(invoice.month),
    dueDateLabel: formatDateId(invoice.dueDate),
    programs: programRows(invoice),
    // A credit note states its amount; the title already says it is a credit.
    amountInWords: terbilangRupiah(Math.abs(invoice.total)),
    rates: await invoiceRates(ctx, invoice.id),
    lines: opts.withLines === false ? [] : await invoiceLines(ctx, invoice.id),
    // The basis names every class billed, also for a print without the attachment (an RSUD under its own
    // NPP at class III, a person's exception): read from the lines, not from the Pemda's own class.
    jkkClasses: await documentRepo.jkkClasses(storeOf(ctx), invoice.id),
    draft: invoice.status === 'draft',
  };
}

const zero = (): Amounts => ({ jkk: 0, jkm: 0, jhtEmployer: 0, jhtWorker: 0, jpEmployer: 0, jpWorker: 0, employer: 0, worker: 0, total: 0 });
const AMOUNT_KEYS = Object.keys(zero()) as (keyof Amounts)[];

function add(into: Amounts, from: Amounts): void {
  for (const k of AMOUNT_KEYS) into[k] += from[k];
}

/**
 * The month's recap for the whole Pemda: one row per unit and segment summing its invoices (issued,
 * corrections and drafts), so the rows add up to what the month costs now, for checking against the
 * bill BPJS issues per NPP.
 */
export async function monthRecap(ctx: CoreContext, month: string): Promise<RecapDocument> {
  if (!isMonth(month)) throw new SigapError('INVALID_INPUT', `Bulan "${month}" tidak sah; tulis YYYY-MM.`);
  const rows = new Map<string, RecapRow>();
  // One snapshot: the people counted are those of the invoices summed.
  const { invoices, persons } = await storeOf(ctx).tx('read', async (q) => ({
    invoices: await listInvoices(ctx, { month }),
    persons: await documentRepo.recapPersons(q, month),
  }));
  for (const i of invoices) {
    const key = `${i.opdId}:${i.segment}`;
    let r = rows.get(key);
    if (!r) {
      r = { opdId: i.opdId, opdCode: i.opdCode, opd: i.opd, opdKind: i.opdKind, segment: i.segment, persons: 0, invoiceNumbers: [], drafts: 0, paid: 0, ...zero() };
      rows.set(key, r);
    }
    add(r, i);
    if (i.number) r.invoiceNumbers.push(i.number);
    if (i.status === 'draft') r.drafts++;
    r.paid += i.paid;
  }
  // People billed now (the regular invoice's lines, corrected by later ones).
  for (const p of persons) {
    const r = rows.get(`${p.opdId}:${p.segment}`);
    if (r) r.persons = p.n;
  }
  const list = [...rows.values()];
  const totals = { ...zero(), persons: 0, paid: 0 };
  for (const r of list) {
    add(totals, r);
    totals.persons += r.persons;
    totals.paid += r.paid;
  }
  return {
    letterhead: await letterhead(ctx),
    month,
    monthLabel: formatMonthId(month),
    rows: list,
    totals,
    amountInWords: terbilangRupiah(totals.total),
    hasDrafts: list.some((r) => r.drafts > 0),
  };
}
