/** Two PU staff in a category with all four programs: one past the JP retirement age, one not. */
import { seedDemo } from '../../electron/core/demo/index';
import type { CoreContext } from '../../electron/core/context';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { categoryRepo } from '../../electron/core/roster/category-repository';
import { personRepo } from '../../electron/core/roster/person-repository';

export interface ExceptionFixture {
  old: { id: number; name: string };
  young: { id: number; name: string };
}

export async function exceptionFixture(ctx: CoreContext, persons = 40): Promise<ExceptionFixture> {
  await seedDemo(ctx, { persons, year: 2026 });
  const store = storeOf(ctx);
  const cat = await categoryRepo.insert(store, { name: 'PPPK paruh waktu', segment: 'PU', programs: 'JKK,JKM,JHT,JP', jkkClass: null, enrolled: true, registrationId: null });
  // Two PU people with one engagement in force all March: no core read picks them, so through the store.
  const picked = await store.all<{ id: number; name: string }>(sql`SELECT p.id, p.name FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
     WHERE c.segment = 'PU' AND e.start_date <= '2026-03-01' AND (e.end_date IS NULL OR e.end_date >= '2026-03-31') GROUP BY p.id, p.name HAVING count(*) = 1 ORDER BY p.id LIMIT 2`);
  const [old, young] = picked as [{ id: number; name: string }, { id: number; name: string }];
  for (const p of [old, young]) await store.run(sql`UPDATE engagement SET category_id = ${cat}, honor = 3000000, reported_wage = 3000000 WHERE person_id = ${p.id}`);
  await bornOn(ctx, old.id, '1965-01-10');
  await bornOn(ctx, young.id, '1990-05-05');
  return { old, young };
}

/** Sets a birth date and the NIK's date digits to match it (DDMMYY, day + 40 for women), so no NIK warning shows. */
async function bornOn(ctx: CoreContext, personId: number, birthDate: string): Promise<void> {
  const p = (await personRepo.row(storeOf(ctx), personId))!;
  const day = Number(birthDate.slice(8, 10)) + (p.sex === 'P' ? 40 : 0);
  const nik = `${p.nik.slice(0, 6)}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${p.nik.slice(12)}`;
  await personRepo.update(storeOf(ctx), personId, { birth_date: birthDate, nik }, ctx.clock().toISOString());
}
