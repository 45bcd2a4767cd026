/**
 * scrubReplyForRole (core/private-text.ts) on the store: the free text about a person loses that
 * person's private values, each person read once, other people's texts and other fields left alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { storeOf } from '../../electron/core/store/of-context';
import { sql } from '../../electron/core/store/sql';
import { scrubReplyForRole } from '../../electron/core/private-text';
import { HIDDEN } from '../../shared/mask';

let ctx: ReturnType<typeof testContext>;
beforeEach(async () => {
  ctx = testContext();
  // Two people with private values, written as they are stored.
  const add = (id: number, nik: string, name: string, birth: string | null, address: string | null, phone: string | null, mother: string) =>
    storeOf(ctx).run(sql`INSERT INTO person (id, nik, name, birth_date, address, phone, mother_name, created_at, updated_at) VALUES (${id}, ${nik}, ${name}, ${birth}, ${address}, ${phone}, ${mother}, 'x', 'x')`);
  await add(1, '1804015505900003', 'Suharti', '1990-05-15', 'Jl. Melati 4, Liwa', '081277665544', 'Siti Aminah');
  await add(2, '1804015505900011', 'Budi', null, null, null, 'Rahmawati');
});
afterEach(() => ctx.close());

describe('scrubReplyForRole', () => {
  it("hides a person's own private values in the texts about them, at any depth", async () => {
    const reply = {
      rows: [
        { personId: 1, name: 'Suharti', description: 'Jatuh di Jl. Melati 4, Liwa; ibu Siti Aminah, lahir 15-05-1990, HP 081277665544', nested: { note: 'ibu siti aminah' } },
        { personId: 2, reason: 'Pindah; ibu Rahmawati, bukan Siti Aminah' },
      ],
      total: 2,
    };
    const out = await scrubReplyForRole(ctx, reply);
    expect(out.rows[0]).toEqual({
      personId: 1,
      name: 'Suharti',
      description: `Jatuh di ${HIDDEN}; ibu ${HIDDEN}, lahir ${HIDDEN}, HP ${HIDDEN}`,
      nested: { note: `ibu ${HIDDEN}` },
    });
    // Person 2's text keeps person 1's mother's name: only a person's own values are theirs to hide.
    expect(out.rows[1]).toEqual({ personId: 2, reason: `Pindah; ibu ${HIDDEN}, bukan Siti Aminah` });
    expect(out.total).toBe(2);
    expect(reply.rows[0]!.description).toMatch(/Siti Aminah/); // the input is not changed
  });

  it('leaves a reply without free text about a person as it is, and an unknown person unscrubbed', async () => {
    const plain = { personId: 1, name: 'Suharti', phone: '081277665544' };
    expect(await scrubReplyForRole(ctx, plain)).toEqual(plain);
    expect(await scrubReplyForRole(ctx, { personId: 99, note: 'ibu Siti Aminah' })).toEqual({ personId: 99, note: 'ibu Siti Aminah' });
  });
});
