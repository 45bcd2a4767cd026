import { storeOf } from '../../electron/core/store/of-context';
import { personRepo } from '../../electron/core/roster/person-repository';
import { afterEach, describe, expect, it } from 'vitest';
import { birthdayAt, jpBirthCutoff, jpRuleSentence, jpStopped, jpStopsAt, retirementAges, type RetirementAge } from '../../electron/core/billing/retirement';
import { invoiceLines, runBilling } from '../../electron/core/billing/index';
import { addCategory, addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';

// The seeded table (migration 0110): 56 from 2015-07, 57 from 2019, 58 from 2022, 59 from 2025, 60 from 2028.
const AGES: RetirementAge[] = [
  { effectiveMonth: '2015-07', age: 56, source: 'PP 45/2015 Ps.15' },
  { effectiveMonth: '2019-01', age: 57, source: 'PP 45/2015 Ps.15' },
  { effectiveMonth: '2022-01', age: 58, source: 'PP 45/2015 Ps.15' },
  { effectiveMonth: '2025-01', age: 59, source: 'PP 45/2015 Ps.15' },
  { effectiveMonth: '2028-01', age: 60, source: 'PP 45/2015 Ps.15' },
];

describe('the retirement cutoff (pure)', () => {
  it('is the latest birth date past the age: 1 March 2026 minus 59 years, or an earlier period\'s when later', async () => {
    // March 2026, age 59: born on or before 1967-03-01. The 58 period (2022-2024) checked at
    // December 2024 gives 2024-12-01 - 58 = 1966-12-01, earlier, so 1967-03-01 stands.
    expect(jpBirthCutoff('2026-03', AGES)).toBe('1967-03-01');
    // January 2025 (59): 2025-01-01 - 59 = 1966-01-01, but December 2024 under 58 gave 1966-12-01: someone
    // born in 1966 before December had already retired at 58 and stays retired.
    expect(jpBirthCutoff('2025-01', AGES)).toBe('1966-12-01');
    expect(jpBirthCutoff('2015-06', AGES)).toBeNull();
  });

  it('a person retired at 58 in June 2024 gets no JP again in 2025 when the age becomes 59', async () => {
    // Born 1 June 1966: 58 on 1 June 2024, so June 2024 is the first month without JP (reached on the 1st).
    expect(jpStopped('1966-06-01', '2024-05', AGES)).toBe(false);
    expect(jpStopped('1966-06-01', '2024-06', AGES)).toBe(true);
    // January 2025: 59 is in force and the person is only 58, but already retired.
    expect(jpStopped('1966-06-01', '2025-01', AGES)).toBe(true);
    expect(jpStopped(null, '2030-01', AGES)).toBe(false);
  });

  it('says when JP stops: born 10-01-1965 reached 58 on 10 January 2023 (58 was in force), so from February 2023', async () => {
    const stop = jpStopsAt('1965-01-10', AGES)!;
    expect(stop).toEqual({ firstMonthWithout: '2023-02', age: 58, reachedOn: '2023-01-10', source: 'PP 45/2015 Ps.15' });
    expect(jpRuleSentence(stop, '2026-03')).toBe('JP berhenti: usia pensiun 58 tercapai 10 Januari 2023 (PP 45/2015 Ps.15)');
    // Born 5 May 1971: 57 in 2028 (age 60 then), 60 on 5 May 2031: JP until May 2031.
    const later = jpStopsAt('1971-05-05', AGES)!;
    expect(later).toMatchObject({ firstMonthWithout: '2031-06', age: 60, reachedOn: '2031-05-05' });
    expect(jpRuleSentence(later, '2026-03')).toBe('JP sampai usia pensiun 60 pada 5 Mei 2031 (bulan terakhir dengan JP: Mei 2031; PP 45/2015 Ps.15)');
    expect(jpStopsAt(null, AGES)).toBeNull();
  });

  it('29 February rolls to 1 March, as SQLite does', async () => {
    expect(birthdayAt('1968-02-29', 59)).toBe('2027-03-01');
    expect(birthdayAt('1968-02-29', 60)).toBe('2028-02-29');
  });
});

describe('the billing run uses the same cutoff', () => {
  let ctx: BillingCtx;
  afterEach(() => ctx.close());

  it('bills no JP in January 2025 to a person who retired at 58 in June 2024', async () => {
    ctx = await billingDb('2025-02-10T03:00:00Z');
    expect((await retirementAges(ctx)).map((a) => a.age)).toEqual([56, 57, 58, 59, 60, 61, 62, 63, 64, 65]);
    const opd = await addUnit(ctx, '05', 'Dinas Perhubungan');
    const full = await addCategory(ctx, { name: 'Kontrak penuh', segment: 'PU', programs: 'JKK,JKM,JHT,JP' });
    const [id] = await addStaff(ctx, { opdId: opd, categoryId: full, honor: 2_500_000, start: '2024-01-01' });
    await personRepo.update(storeOf(ctx), id!, { birth_date: '1966-06-01' }, 'x');
    const line = async (month: string) => {
      const res = await runBilling(ctx, { month });
      return (await Promise.all(res.invoices.map((i) => invoiceLines(ctx, i.id)))).flat().find((l) => l.personId === id)!;
    };
    // May 2024: JP 2% + 1% of 2.500.000 = 50.000 + 25.000.
    const may = await line('2024-05');
    expect([may.jpEmployer, may.jpWorker]).toEqual([50_000, 25_000]);
    expect((await line('2024-06')).jpEmployer).toBe(0);
    // January 2025: still none; JKK 6.000 + JKM 7.500 + JHT 92.500 + 50.000 = 156.000.
    const jan = await line('2025-01');
    expect([jan.jpEmployer, jan.jpWorker, jan.total]).toEqual([0, 0, 156_000]);
  });
});
