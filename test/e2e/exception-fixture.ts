/** Two PU staff in a category with all four programs: one past the JP retirement age, one not. */
import { seedDemo } from '../../electron/core/demo/index';
import type { CoreContext } from '../../electron/core/context';

export interface ExceptionFixture {
  old: { id: number; name: string };
  young: { id: number; name: string };
}

export async function exceptionFixture(ctx: CoreContext, persons = 40): Promise<ExceptionFixture> {
  await seedDemo(ctx, { persons, year: 2026 });
  const cat = Number(ctx.db.prepare("INSERT INTO category (name, segment, programs, jkk_class, enrolled) VALUES ('PPPK paruh waktu', 'PU', 'JKK,JKM,JHT,JP', NULL, 1)").run().lastInsertRowid);
  const picked = ctx.db.prepare(
    `SELECT p.id, p.name FROM person p JOIN engagement e ON e.person_id = p.id JOIN category c ON c.id = e.category_id
     WHERE c.segment = 'PU' AND e.start_date <= '2026-03-01' AND (e.end_date IS NULL OR e.end_date >= '2026-03-31') GROUP BY p.id HAVING count(*) = 1 ORDER BY p.id LIMIT 2`,
  ).all() as { id: number; name: string }[];
  const [old, young] = picked as [{ id: number; name: string }, { id: number; name: string }];
  const move = ctx.db.prepare('UPDATE engagement SET category_id = ?, honor = 3000000, reported_wage = 3000000 WHERE person_id = ?');
  move.run(cat, old.id);
  move.run(cat, young.id);
  bornOn(ctx, old.id, '1965-01-10');
  bornOn(ctx, young.id, '1990-05-05');
  return { old, young };
}

/** Sets a birth date and the NIK's date digits to match it (DDMMYY, day + 40 for women), so no NIK warning shows. */
function bornOn(ctx: CoreContext, personId: number, birthDate: string): void {
  const p = ctx.db.prepare('SELECT nik, sex FROM person WHERE id = ?').get(personId) as { nik: string; sex: string | null };
  const day = Number(birthDate.slice(8, 10)) + (p.sex === 'P' ? 40 : 0);
  const nik = `${p.nik.slice(0, 6)}${String(day).padStart(2, '0')}${birthDate.slice(5, 7)}${birthDate.slice(2, 4)}${p.nik.slice(12)}`;
  ctx.db.prepare('UPDATE person SET birth_date = ?, nik = ? WHERE id = ?').run(birthDate, nik, personId);
}
