import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { audit } from '../audit';
import { SigapError } from '../errors';
import { unitKey } from '../../../shared/person-fields';
import { listCategories } from '../roster/units';
import { demoPerson, rng, pick, POSITIONS } from './names';
import { demoOpds, demoVillages } from './units';
import { demoUnitOfficials, type DemoOfficial } from './officials';
import { storeOf } from '../store/of-context';
import { putSetting } from '../settings/setting-repository';
import { DEMO_BATCH, demoRepo, type DemoEngagementRow, type DemoPersonRow } from './demo-repository';

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
export async function seedDemo(ctx: CoreContext, o: DemoOptions): Promise<DemoResult> {
  const r = rng(o.seed ?? 2026);
  const year = o.year ?? ctx.clock().getUTCFullYear();
  const now = nowIso(ctx);
  const cats = await listCategories(ctx);
  const pu = cats.find((c) => c.segment === 'PU')!;
  const bpu = cats.find((c) => c.segment === 'BPU')!;
  const rentan = Math.round(o.persons * (o.rentanShare ?? 0.2));
  const honorer = o.persons - rentan;
  return storeOf(ctx).tx('write', async (tx): Promise<DemoResult> => {
    // Inside the write, under its lock: two generators started at once cannot both find the database empty.
    await demoRepo.lockForSeeding(tx);
    if ((await demoRepo.personCount(tx)) > 0) throw new SigapError('CONFLICT', 'Basis data sudah berisi pegawai; data demo hanya untuk basis data baru.');
    await demoRepo.putEmployer(tx, { name: 'Pemerintah Kabupaten Lampung Barat', npp: '18040012', address: 'Jl. Raden Intan No. 1, Liwa, Lampung Barat 34812' });
    const units = [...demoOpds(), ...demoVillages()];
    const ids: number[] = [];
    const taken = new Set<string>();
    let finance: { head: DemoOfficial; pptk: DemoOfficial } | null = null;
    for (const u of units) {
      const village = u.kind === 'village';
      const title = village ? 'Kepala Pekon' : u.name === 'Sekretariat Daerah' ? 'Sekretaris Daerah' : `Kepala ${u.name}`;
      const { head, pptk, treasurer } = demoUnitOfficials(r, village, taken);
      if (u.name === FINANCE_OFFICE) finance = { head, pptk };
      ids.push(await demoRepo.insertUnit(tx, {
        code: u.code, name: u.name, nameKey: unitKey(u.name), kind: u.kind, budgetAccount: u.budgetAccount, address: 'Liwa, Lampung Barat',
        headName: head.name, headNip: head.nip, headTitle: title, pptkName: pptk.name, pptkNip: pptk.nip, treasurerName: treasurer.name, treasurerNip: treasurer.nip, createdAt: now,
      }));
    }
    if (finance && o.signing !== false) {
      // Written as the profile form writes them (see settings/employer.ts); the demo's audit row covers them.
      const signing: Record<string, string | null> = {
        place: 'Liwa', office: FINANCE_OFFICE,
        headName: finance.head.name, headNip: finance.head.nip, headTitle: `Kepala ${FINANCE_OFFICE}`,
        preparerName: finance.pptk.name, preparerNip: finance.pptk.nip, preparerTitle: 'Kepala Bidang Perbendaharaan',
      };
      for (const [k, v] of Object.entries(signing)) if (v !== null) await putSetting(tx, `signing.${k}`, v, now);
    }
    const all = units.map((u, i) => ({ u, id: ids[i]! }));
    const villages = all.filter((x) => x.u.kind === 'village');
    const weighted = all.filter((x) => x.u.kind === 'opd').flatMap((x) => Array<number>(x.u.weight).fill(x.id));
    const d1 = `800/001/KPTS/I.01/${year}`;
    const d2 = `400.9/002/KPTS/I.01/${year}`;
    const decree = (number: string, subject: string, categoryId: number) => demoRepo.insertDecree(tx, {
      number, date: `${year - 1}-12-30`, subject, tmtStart: `${year}-01-01`, tmtEnd: `${year}-12-31`, categoryId, importedAt: now, importedBy: ctx.actor,
    });
    const dec1 = await decree(d1, `Penetapan Tenaga Non ASN di Lingkungan Pemerintah Kabupaten Lampung Barat Tahun Anggaran ${year}`, pu.id);
    const dec2 = await decree(d2, `Penetapan Pekerja Rentan Penerima Bantuan Iuran BPJS Ketenagakerjaan Tahun ${year}`, bpu.id);
    // People and their engagements wait in batches (demo-repository.ts says why).
    let people: DemoPersonRow[] = [];
    let jobs: Omit<DemoEngagementRow, 'personId'>[] = [];
    const flush = async () => {
      const ids = await demoRepo.insertPeople(tx, people);
      await demoRepo.insertEngagements(tx, jobs.map((j, k) => ({ ...j, personId: ids[k]! })));
      people = [];
      jobs = [];
    };
    for (let i = 0; i < o.persons; i++) {
      const p = demoPerson(r, i);
      const isRentan = i >= honorer;
      // Most have been reported to BPJS already; some newcomers have no KPJ yet.
      const kpj = r() < 0.85 ? String(10000000000 + Math.floor(r() * 8.9e10)) : null;
      // The random draws stay in the order the demo always made them, so a seed gives the same Pemda.
      const motherName = r() < 0.95 ? p.mother : null;
      people.push({ nik: p.nik, name: p.name, birthPlace: p.birthPlace, birthDate: p.birthDate, sex: p.sex, address: p.address, phone: p.phone, motherName, kpj, at: now });
      const honor = isRentan ? 1_000_000 : pick(r, [750_000, 1_000_000, 1_200_000, 1_500_000, 1_750_000, 2_000_000, 2_500_000]);
      const unit = isRentan ? pick(r, villages).id : pick(r, weighted);
      jobs.push({
        decreeId: isRentan ? dec2 : dec1, opdId: unit, categoryId: isRentan ? bpu.id : pu.id,
        position: isRentan ? 'Pekerja Rentan' : pick(r, POSITIONS), honor, startDate: `${year}-01-01`, endDate: `${year}-12-31`,
      });
      if (jobs.length === DEMO_BATCH) await flush();
      if (o.onProgress && (i + 1) % 10000 === 0) o.onProgress(i + 1, o.persons);
    }
    if (jobs.length > 0) await flush();
    await audit(ctx, { action: 'create', entity: 'demo', entityId: null, summary: `Data demo: ${units.length} unit, ${o.persons} pegawai, SK ${d1} dan ${d2}` });
    return { opds: units.length, persons: o.persons, decrees: [d1, d2] };
  });
}
