import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { unitKey } from '../../../shared/person-fields';
import { listCategories } from '../roster/units';
import { demoPerson, rng, pick, POSITIONS } from './names';
import { demoOpds, demoVillages } from './units';
import { demoUnitOfficials, type DemoOfficial } from './officials';

export interface DemoOptions {
  persons: number;
  /** Calendar year of the decrees (defaults to the clock's year). */
  year?: number;
  seed?: number;
  /** Share of pekerja rentan (BPU) among the persons. */
  rentanShare?: number;
  onProgress?: (done: number, total: number) => void;
  /** Also fill the signing settings (place Liwa, the finance office and its officials). Default true. */
  signing?: boolean;
}

export interface DemoResult {
  opds: number;
  persons: number;
  decrees: string[];
}

/** Where the demo Pemda's Pemda-wide documents (recap, reminders) are signed: its finance office. */
const FINANCE_OFFICE = 'Badan Pengelolaan Keuangan dan Aset Daerah';

/** Fills an empty database with a realistic Pemda: employer, OPDs with officials, decrees, staff. */
export function seedDemo(ctx: CoreContext, o: DemoOptions): DemoResult {
  const db = ctx.db;
  const persons = (db.prepare('SELECT count(*) AS n FROM person').get() as { n: number }).n;
  if (persons > 0) throw new SigapError('CONFLICT', 'Basis data sudah berisi pegawai; data demo hanya untuk basis data baru.');
  const r = rng(o.seed ?? 2026);
  const year = o.year ?? ctx.clock().getUTCFullYear();
  const now = nowIso(ctx);
  const cats = listCategories(ctx);
  const pu = cats.find((c) => c.segment === 'PU')!;
  const bpu = cats.find((c) => c.segment === 'BPU')!;
  const rentan = Math.round(o.persons * (o.rentanShare ?? 0.2));
  const honorer = o.persons - rentan;
  return db.transaction((): DemoResult => {
    db.prepare(`INSERT INTO employer (id, name, npp, address, jkk_class) VALUES (1, ?, ?, ?, 1)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, npp = excluded.npp, address = excluded.address`)
      .run('Pemerintah Kabupaten Lampung Barat', '18040012', 'Jl. Raden Intan No. 1, Liwa, Lampung Barat 34812');
    const insOpd = db.prepare(
      `INSERT INTO opd (code, name, name_key, kind, budget_account, address, head_name, head_nip, head_title, pptk_name, pptk_nip, treasurer_name, treasurer_nip, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const units = [...demoOpds(), ...demoVillages()];
    const ids: number[] = [];
    const taken = new Set<string>();
    let finance: { head: DemoOfficial; pptk: DemoOfficial } | null = null;
    for (const u of units) {
      const village = u.kind === 'village';
      const title = village ? 'Kepala Pekon' : u.name === 'Sekretariat Daerah' ? 'Sekretaris Daerah' : `Kepala ${u.name}`;
      const { head, pptk, treasurer } = demoUnitOfficials(r, village, taken);
      if (u.name === FINANCE_OFFICE) finance = { head, pptk };
      ids.push(Number(insOpd.run(u.code, u.name, unitKey(u.name), u.kind, u.budgetAccount, 'Liwa, Lampung Barat',
        head.name, head.nip, title, pptk.name, pptk.nip, treasurer.name, treasurer.nip, now).lastInsertRowid));
    }
    if (finance && o.signing !== false) {
      // Written as the profile form writes them (see settings/employer.ts); the demo's audit row covers them.
      const put = db.prepare('INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
      const signing: Record<string, string | null> = {
        place: 'Liwa', office: FINANCE_OFFICE,
        headName: finance.head.name, headNip: finance.head.nip, headTitle: `Kepala ${FINANCE_OFFICE}`,
        preparerName: finance.pptk.name, preparerNip: finance.pptk.nip, preparerTitle: 'Kepala Bidang Perbendaharaan',
      };
      for (const [k, v] of Object.entries(signing)) if (v !== null) put.run(`signing.${k}`, v, now);
    }
    const all = units.map((u, i) => ({ u, id: ids[i]! }));
    const villages = all.filter((x) => x.u.kind === 'village');
    const weighted = all.filter((x) => x.u.kind === 'opd').flatMap((x) => Array<number>(x.u.weight).fill(x.id));
    const insDecree = db.prepare(
      `INSERT INTO decree (number, date, subject, tmt_start, tmt_end, signatory, category_id, mode, source_file, imported_at, imported_by)
       VALUES (?, ?, ?, ?, ?, 'BUPATI LAMPUNG BARAT', ?, 'replace', NULL, ?, ?)`,
    );
    const d1 = `800/001/KPTS/I.01/${year}`;
    const d2 = `400.9/002/KPTS/I.01/${year}`;
    const dec1 = Number(insDecree.run(d1, `${year - 1}-12-30`, `Penetapan Tenaga Non ASN di Lingkungan Pemerintah Kabupaten Lampung Barat Tahun Anggaran ${year}`, `${year}-01-01`, `${year}-12-31`, pu.id, now, ctx.actor).lastInsertRowid);
    const dec2 = Number(insDecree.run(d2, `${year - 1}-12-30`, `Penetapan Pekerja Rentan Penerima Bantuan Iuran BPJS Ketenagakerjaan Tahun ${year}`, `${year}-01-01`, `${year}-12-31`, bpu.id, now, ctx.actor).lastInsertRowid);
    const insPerson = db.prepare(
      `INSERT INTO person (nik, name, birth_place, birth_date, sex, address, phone, mother_name, kpj, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insEng = db.prepare(
      `INSERT INTO engagement (person_id, decree_id, opd_id, category_id, position, honor, reported_wage, start_date, end_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < o.persons; i++) {
      const p = demoPerson(r, i);
      const isRentan = i >= honorer;
      // Most have been reported to BPJS already; some newcomers have no KPJ yet.
      const kpj = r() < 0.85 ? String(10000000000 + Math.floor(r() * 8.9e10)) : null;
      const pid = Number(insPerson.run(p.nik, p.name, p.birthPlace, p.birthDate, p.sex, p.address, p.phone, r() < 0.95 ? p.mother : null, kpj, now, now).lastInsertRowid);
      const honor = isRentan ? 1_000_000 : pick(r, [750_000, 1_000_000, 1_200_000, 1_500_000, 1_750_000, 2_000_000, 2_500_000]);
      const unit = isRentan ? pick(r, villages).id : pick(r, weighted);
      insEng.run(pid, isRentan ? dec2 : dec1, unit, isRentan ? bpu.id : pu.id, isRentan ? 'Pekerja Rentan' : pick(r, POSITIONS), honor, honor, `${year}-01-01`, `${year}-12-31`);
      if (o.onProgress && (i + 1) % 10000 === 0) o.onProgress(i + 1, o.persons);
    }
    audit(ctx, { action: 'create', entity: 'demo', entityId: null, summary: `Data demo: ${units.length} unit, ${o.persons} pegawai, SK ${d1} dan ${d2}` });
    return { opds: units.length, persons: o.persons, decrees: [d1, d2] };
  })();
}
