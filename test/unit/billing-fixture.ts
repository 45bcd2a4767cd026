/** A small Pemda for the billing tests: units, categories and staff written straight into SQLite. */
import { testContext } from '../helpers';

export type BillingCtx = ReturnType<typeof testContext>;

/** A fresh database with the employer profile (JKK class I unless told). */
export function billingDb(at = '2026-01-20T03:00:00Z', jkkClass = 1): BillingCtx {
  const ctx = testContext(at);
  ctx.db.prepare("INSERT INTO employer (id, name, npp, address, jkk_class) VALUES (1, 'Pemerintah Kabupaten Contoh', '18040012', 'Jl. Merdeka 1', ?)").run(jkkClass);
  return ctx;
}

let unitSeq = 0;
export function addUnit(ctx: BillingCtx, code: string, name: string, kind: 'opd' | 'village' = 'opd'): number {
  unitSeq++;
  return Number(ctx.db.prepare(
    `INSERT INTO opd (code, name, name_key, kind, budget_account, head_name, head_nip, head_title, pptk_name, pptk_nip, treasurer_name, treasurer_nip, created_at)
     VALUES (?, ?, ?, ?, ?, 'Drs. Kepala', '197001012000011001', ?, 'Pak PPTK', '198002022005011002', 'Bu Bendahara', '198503032010012003', 'x')`,
  ).run(code, name, `${name.toUpperCase()}#${unitSeq}`, kind, `5.1.02.02.01.${code}`, `Kepala ${name}`).lastInsertRowid);
}

/** The seeded categories: 1 = honorer (PU, JKK+JKM), 2 = pekerja rentan (BPU, JKK+JKM). */
export const HONORER = 1;
export const RENTAN = 2;

export function addCategory(ctx: BillingCtx, c: { name: string; segment: 'PU' | 'BPU'; programs: string; jkkClass?: number | null; enrolled?: boolean }): number {
  return Number(ctx.db.prepare('INSERT INTO category (name, segment, programs, jkk_class, enrolled) VALUES (?, ?, ?, ?, ?)')
    .run(c.name, c.segment, c.programs, c.jkkClass ?? null, c.enrolled === false ? 0 : 1).lastInsertRowid);
}

let nikSeq = 0;
export interface StaffSpec {
  count?: number;
  opdId: number;
  categoryId?: number;
  honor: number;
  reportedWage?: number;
  start?: string;
  end?: string | null;
  name?: string;
}

/** Adds `count` persons, each with one engagement. Returns their person ids. */
export function addStaff(ctx: BillingCtx, s: StaffSpec): number[] {
  const insP = ctx.db.prepare("INSERT INTO person (nik, name, kpj, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')");
  const insE = ctx.db.prepare('INSERT INTO engagement (person_id, opd_id, category_id, honor, reported_wage, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const ids: number[] = [];
  ctx.db.transaction(() => {
    for (let i = 0; i < (s.count ?? 1); i++) {
      nikSeq++;
      const nik = `3201${String(nikSeq).padStart(12, '0')}`;
      const id = Number(insP.run(nik, s.name ?? `Pegawai ${nikSeq}`, `1100${String(nikSeq).padStart(7, '0')}`).lastInsertRowid);
      insE.run(id, s.opdId, s.categoryId ?? HONORER, s.honor, s.reportedWage ?? 0, s.start ?? '2025-01-01', s.end ?? null);
      ids.push(id);
    }
  })();
  return ids;
}

/** Adds another engagement to an existing person. */
export function addEngagement(ctx: BillingCtx, personId: number, e: Omit<StaffSpec, 'count' | 'name'>): number {
  return Number(ctx.db.prepare('INSERT INTO engagement (person_id, opd_id, category_id, honor, reported_wage, start_date, end_date) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(personId, e.opdId, e.categoryId ?? HONORER, e.honor, e.reportedWage ?? 0, e.start ?? '2025-01-01', e.end ?? null).lastInsertRowid);
}

/** Rows of the invoice tables, for "nothing issued changed" comparisons. */
export function issuedRows(ctx: BillingCtx): { invoices: unknown[]; lines: unknown[] } {
  return {
    invoices: ctx.db.prepare("SELECT * FROM invoice WHERE status = 'issued' ORDER BY id").all(),
    lines: ctx.db.prepare("SELECT l.* FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.status = 'issued' ORDER BY l.id").all(),
  };
}
