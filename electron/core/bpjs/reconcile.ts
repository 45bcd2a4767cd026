import type { CoreContext } from '../context';
import { SigapError } from '../errors';
import { isMonth } from '../../../shared/dates';
import { PROGRAMS, readBill, zeroAmounts, type Program, type ProgramAmounts } from './bill-read';
import type { ImportProblem } from './import-problems';
import type { Segment } from '../../../shared/billing-types';
import { getEmployer } from '../settings/employer';
import { storeOf } from '../store/of-context';
import { participantRepo } from './participant-repository';

/**
 * What Sigap billed one person for one program in the month's issued invoices (employer and worker
 * shares together, as the branch's bill shows them). Supplied by the billing module.
 */
export interface SigapBilledLine {
  nik: string;
  name: string;
  opdCode: string;
  program: Program;
  amount: number;
  /** The invoice's segment and NPP: only lines of the bill's own segment and NPP are compared. */
  segment?: Segment;
  npp?: string | null;
}

export interface Totals extends ProgramAmounts {
  total: number;
}

export interface ReconcilePerson {
  nik: string | null;
  kpj: string | null;
  name: string;
  opdCode: string | null;
  /** Row(s) of the bill detail; empty for Sigap's side only. */
  rows: number[];
  amounts: Totals;
}

export interface AmountDifference {
  nik: string | null;
  kpj: string | null;
  name: string;
  opdCode: string | null;
  rows: number[];
  program: Program;
  branch: number;
  sigap: number;
  /** branch - sigap */
  difference: number;
}

export interface ReconcileReport {
  month: string;
  file: string;
  sha256: string;
  sheet: string;
  /** The NPP and segment compared: the bill's title's, else the Pemda's NPP, and PU. */
  npp: string | null;
  segment: Segment;
  /** People Sigap billed under another segment or NPP that month: not compared with this bill. */
  excluded: { otherSegment: number; otherNpp: number };
  programs: Program[];
  persons: { branch: number; sigap: number; both: number; equal: number };
  totals: { branch: Totals; sigap: Totals; difference: Totals };
  onlyBranch: ReconcilePerson[];
  onlySigap: ReconcilePerson[];
  differences: AmountDifference[];
  warnings: ImportProblem[];
}

/**
 * How many people a branch bill may list that Sigap did not bill, for a role that sees identities
 * masked. A real bill differs by a handful (late registrations, people ended late); a file of guessed
 * NIKs would need thousands per person to find one.
 */
export const MAX_UNBILLED_FOR_MASKED = 25;

const withTotal = (a: ProgramAmounts): Totals => ({ ...a, total: PROGRAMS.reduce((s, p) => s + a[p], 0) });

function add(into: ProgramAmounts, from: ProgramAmounts): void {
  for (const p of PROGRAMS) into[p] += from[p];
}

interface Side {
  nik: string | null;
  kpj: string | null;
  name: string;
  opdCode: string | null;
  rows: number[];
  amounts: ProgramAmounts;
}

/**
 * Compares the branch's bill detail for a month with what Sigap billed: people billed by one side
 * only, and per person and program the amounts that differ, with totals per program. Reads the file
 * and the database; writes nothing. Persons are matched by NIK, or by KPJ when the bill has no NIK.
 */
export async function reconcileBill(ctx: CoreContext, path: string, month: string, sigapLines: readonly SigapBilledLine[]): Promise<ReconcileReport> {
  if (!isMonth(month)) throw new SigapError('INVALID_INPUT', `Bulan "${month}" tidak sah; tulis YYYY-MM, mis. 2026-01.`);
  const bill = await readBill(path, month);
  // Like with like: a PU bill of an NPP against the PU invoices of that NPP, a BPU bill against BPU
  // (a bill is per NPP and segment, domain.md section 8). A line that says nothing is compared.
  const npp = bill.npp ?? (await getEmployer(ctx))?.npp ?? null;
  const otherSegment = new Set<string>();
  const otherNpp = new Set<string>();
  const lines = sigapLines.filter((l) => {
    if (l.segment !== undefined && l.segment !== bill.segment) otherSegment.add(l.nik);
    else if (l.npp !== undefined && npp !== null && l.npp !== null && l.npp !== npp) otherNpp.add(l.nik);
    else return true;
    return false;
  });
  const q = storeOf(ctx);

  // For a role that may not see identities (finance, viewer) the comparison must not answer "is this
  // NIK or KPJ on the roster?" for numbers someone typed into a file: a line known only by its KPJ keeps
  // the name the file gives, and a file with many people Sigap did not bill is refused (below).
  const masked = ctx.seesIdentity === false;
  const branch = new Map<string, Side>();
  // The roster's side of every line read at once (a bill has a line per person): KPJ holders of lines without a NIK, KPJs of the billed.
  const holders = await participantRepo.kpjHolders(q, bill.lines.flatMap((l) => (l.nik === null && l.kpj !== null ? [l.kpj] : [])));
  const billed = await participantRepo.byNiks(q, lines.map((l) => l.nik));
  for (const l of bill.lines) {
    const byKpj = l.nik === null && l.kpj !== null ? holders.get(l.kpj)?.[0] : undefined;
    const nik = l.nik ?? byKpj?.nik ?? null;
    const key = nik ?? `KPJ:${l.kpj}`;
    const side = branch.get(key) ?? { nik, kpj: l.kpj, name: l.name || (masked ? '' : byKpj?.name) || '', opdCode: null, rows: [], amounts: zeroAmounts() };
    side.rows.push(l.row);
    add(side.amounts, l.amounts);
    branch.set(key, side);
  }
  const sigap = new Map<string, Side>();
  for (const l of lines) {
    const side = sigap.get(l.nik) ?? { nik: l.nik, kpj: billed.get(l.nik)?.kpj ?? null, name: l.name, opdCode: l.opdCode, rows: [], amounts: zeroAmounts() };
    side.amounts[l.program] += l.amount;
    sigap.set(l.nik, side);
  }

  if (masked) {
    const unknown = [...branch.keys()].filter((k) => !sigap.has(k)).length;
    if (unknown > MAX_UNBILLED_FOR_MASKED) {
      throw new SigapError(
        'FORBIDDEN',
        `Rincian tagihan "${bill.file}" memuat ${unknown} orang yang tidak ditagih Sigap pada ${month} (batas ${MAX_UNBILLED_FOR_MASKED} untuk peran Anda). ` +
          'Tagihan cabang yang asli hampir tidak pernah sebanyak itu; minta petugas Kepegawaian atau admin mencocokkan berkas ini.',
      );
    }
  }
  const programs = PROGRAMS.filter((p) => bill.programs.includes(p) || lines.some((l) => l.program === p && l.amount !== 0));
  const totals = { branch: zeroAmounts(), sigap: zeroAmounts() };
  const onlyBranch: ReconcilePerson[] = [];
  const onlySigap: ReconcilePerson[] = [];
  const differences: AmountDifference[] = [];
  let both = 0;
  let equal = 0;
  for (const [key, b] of branch) {
    add(totals.branch, b.amounts);
    const s = sigap.get(key);
    if (!s) {
      onlyBranch.push({ ...b, amounts: withTotal(b.amounts) });
      continue;
    }
    both++;
    const diffs = programs.filter((p) => b.amounts[p] !== s.amounts[p]);
    if (diffs.length === 0) equal++;
    for (const p of diffs) {
      differences.push({ nik: s.nik, kpj: b.kpj ?? s.kpj, name: s.name, opdCode: s.opdCode, rows: b.rows, program: p, branch: b.amounts[p], sigap: s.amounts[p], difference: b.amounts[p] - s.amounts[p] });
    }
  }
  for (const [key, s] of sigap) {
    add(totals.sigap, s.amounts);
    if (!branch.has(key)) onlySigap.push({ ...s, amounts: withTotal(s.amounts) });
  }
  const difference = zeroAmounts();
  for (const p of PROGRAMS) difference[p] = totals.branch[p] - totals.sigap[p];
  const byOpdName = (a: ReconcilePerson, b: ReconcilePerson) => (a.opdCode ?? '').localeCompare(b.opdCode ?? '') || a.name.localeCompare(b.name, 'id');
  return {
    month, file: bill.file, sha256: bill.sha256, sheet: bill.sheet, npp, segment: bill.segment,
    excluded: { otherSegment: [...otherSegment].filter((n) => !sigap.has(n)).length, otherNpp: [...otherNpp].filter((n) => !sigap.has(n)).length }, programs,
    persons: { branch: branch.size, sigap: sigap.size, both, equal },
    totals: { branch: withTotal(totals.branch), sigap: withTotal(totals.sigap), difference: withTotal(difference) },
    onlyBranch: onlyBranch.sort(byOpdName), onlySigap: onlySigap.sort(byOpdName), differences, warnings: bill.warnings,
  };
}
