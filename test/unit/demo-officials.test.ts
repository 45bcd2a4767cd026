import { afterEach, describe, expect, it } from 'vitest';
import { testContext } from '../helpers';
import { seedDemo } from '../../electron/core/demo/index';
import { FEMALE, MALE } from '../../electron/core/demo/officials';
import { listOpds } from '../../electron/core/roster/units';
import { getSigning } from '../../electron/core/settings/employer';

let ctx: ReturnType<typeof testContext>;
afterEach(() => ctx.close());

/** The given name after the titles (`Drs. H. Hasanudin Hakim, M.Si.` -> `Hasanudin`). */
const bare = (name: string) => name.replace(/^((H|Hj|Drs|Dra|Ir)\.\s+)+/, '').replace(/,.*$/, '');
const given = (name: string) => bare(name).split(' ')[0]!;
const isRealDate = (s: string) => new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

describe('demo officials', () => {
  it('gives every unit three different people, each NIP matching the official\'s sex, birth date and appointment', async () => {
    ctx = testContext('2026-03-10T03:00:00Z');
    await seedDemo(ctx, { persons: 50, year: 2026 });
    const units = await listOpds(ctx);
    expect(units).toHaveLength(38);
    const everyone: string[] = [];
    for (const u of units) {
      const people = [[u.head_name, u.head_nip], [u.pptk_name, u.pptk_nip], [u.treasurer_name, u.treasurer_nip]] as [string, string | null][];
      expect(new Set(people.map(([n]) => bare(n))).size, u.name).toBe(3);
      everyone.push(...people.map(([n]) => bare(n)));
      for (const [name, nip] of people) {
        if (u.kind === 'village') {
          expect(nip, name).toBeNull();
          continue;
        }
        expect(nip, name).toMatch(/^\d{18}$/);
        const birth = `${nip!.slice(0, 4)}-${nip!.slice(4, 6)}-${nip!.slice(6, 8)}`;
        expect(isRealDate(birth), `${name} ${nip}`).toBe(true);
        const tmt = Number(nip!.slice(8, 12));
        expect(tmt - Number(nip!.slice(0, 4)), `${name} ${nip}`).toBeGreaterThanOrEqual(18);
        expect(Number(nip!.slice(12, 14))).toBeGreaterThanOrEqual(1);
        expect(Number(nip!.slice(12, 14))).toBeLessThanOrEqual(12);
        const sexDigit = nip![14];
        const g = given(name);
        expect([MALE.includes(g) ? '1' : FEMALE.includes(g) ? '2' : '?'], `${name} ${nip}`).toEqual([sexDigit]);
        if (/^(Hj|Dra)\.|\bHj\./.test(name)) expect(sexDigit, name).toBe('2');
        if (/^(H|Drs)\.|\bH\. /.test(name)) expect(sexDigit, name).toBe('1');
      }
    }
    // Nobody signs for two units.
    expect(new Set(everyone).size).toBe(everyone.length);
  });

  it('seeds the finance office that signs the Pemda-wide documents: its head is the head of BPKAD', async () => {
    ctx = testContext('2026-03-10T03:00:00Z');
    await seedDemo(ctx, { persons: 10, year: 2026 });
    const bpkad = (await listOpds(ctx)).find((u) => u.name === 'Badan Pengelolaan Keuangan dan Aset Daerah')!;
    expect(await getSigning(ctx)).toEqual({
      place: 'Liwa', office: 'Badan Pengelolaan Keuangan dan Aset Daerah',
      headName: bpkad.head_name, headNip: bpkad.head_nip, headTitle: 'Kepala Badan Pengelolaan Keuangan dan Aset Daerah',
      preparerName: bpkad.pptk_name, preparerNip: bpkad.pptk_nip, preparerTitle: 'Kepala Bidang Perbendaharaan',
    });
    await ctx.close();
    ctx = testContext('2026-03-10T03:00:00Z');
    await seedDemo(ctx, { persons: 10, year: 2026, signing: false });
    expect((await getSigning(ctx)).place).toBeNull();
  });
});
