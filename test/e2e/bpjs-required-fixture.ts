/** New PU staff for the one-step fill: some without marital status, some without a work location. */
import type { CoreContext } from '../../electron/core/context';
import { demoPerson, rng } from '../../electron/core/demo/names';
import { createPerson } from '../../electron/core/roster/person';
import { listCategories, listOpds } from '../../electron/core/roster/units';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';

export interface Staff {
  id: number;
  nik: string;
  name: string;
}

export async function addRequiredStaff(ctx: CoreContext, specs: { marital: string | null; location: string | null }[]): Promise<Staff[]> {
  const r = rng(31);
  const opd = (await listOpds(ctx)).find((o) => o.kind === 'opd')!;
  const pu = (await listCategories(ctx)).find((c) => c.segment === 'PU')!;
  // One after another: each person is a write of its own.
  const out: Staff[] = [];
  for (const [i, s] of specs.entries()) {
    const d = demoPerson(r, 950_000 + i);
    const { personId } = await createPerson(
      ctx,
      { nik: d.nik, name: d.name, birthPlace: d.birthPlace, birthDate: d.birthDate, sex: d.sex, address: d.address, phone: d.phone, motherName: d.mother, maritalStatus: s.marital, workLocation: s.location },
      { opdId: opd.id, categoryId: pu.id, position: 'Tenaga Administrasi', honor: 2_500_000, startDate: '2026-03-01' },
    );
    out.push({ id: personId, nik: d.nik, name: d.name });
  }
  return out;
}

/**
 * Everyone pending registration gets both values, so only the staff a test adds are missing them. One
 * statement through the store: no core write fills a column for the whole roster only where it is empty.
 */
export async function completeDemo(ctx: CoreContext): Promise<void> {
  await storeOf(ctx).run(sql`UPDATE person SET marital_status = coalesce(marital_status, 'Y'), work_location = coalesce(work_location, 'LIWA')`);
}
