/**
 * The recap on F4 with many units (issue 19): the officials' signatures stay on the page of the total they
 * sign for, and a long official's name sits on one unbroken rule. Counts of 35 and 40 units put the
 * signatures alone (or with the note alone) at the top of page 2 before the end block was kept together.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { addStaff, addUnit, billingDb, type BillingCtx } from './billing-fixture';
import { pdfInfo, pdfText } from './print-pdf-tools';
import { runBilling } from '../../electron/core/billing/index';
import { recapPrint, toPdfHtml } from '../../electron/core/print/index';
import { CHROMIUM_ARGS, findChromium, printWithChromium } from '../../electron/cli/chromium-pdf';
import { getEmployer, saveEmployer } from '../../electron/core/settings/employer';

const LONG_NAME = 'Prof. Dr. Ir. H. Muhammad Abdurrahman Syamsuddin Nasution Wiraatmadja, S.E., M.Si., M.M., Ak., CA.';

async function pemdaWithUnits(n: number): Promise<BillingCtx> {
  const ctx = await billingDb('2026-04-10T03:00:00Z');
  for (let i = 0; i < n; i++) await addStaff(ctx, { count: 2, opdId: await addUnit(ctx, `U${i}`, `Dinas Nomor ${i}`), honor: 1_000_000 });
  await runBilling(ctx, { month: '2026-03' });
  const e = (await getEmployer(ctx))!;
  await saveEmployer(ctx, {
    name: e.name, npp: e.npp, address: e.address, jkkClass: e.jkkClass,
    signing: { place: 'Liwa', headName: LONG_NAME, headNip: '197001011995031002', preparerName: 'Sri Wahyuni, S.E.', preparerNip: '198505052010012003' },
  });
  return ctx;
}

describe('the recap printed on F4', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([35, 40])('keeps the signatures on the page of the total (%i units)', async (n) => {
    const ctx = await pemdaWithUnits(n);
    const doc = await recapPrint(ctx, '2026-03');
    const path = join(ctx.dir, `recap-${n}.pdf`);
    writeFileSync(path, await printWithChromium(toPdfHtml(doc, 'F4', { footer: doc.footer }), { paper: 'F4' }, browser));
    const { pages } = pdfInfo(path);
    expect(pages).toBe(2); // long enough to need a second page
    const texts = Array.from({ length: pages }, (_, k) => pdfText(path, { first: k + 1, last: k + 1 }));
    const signed = texts.filter((t) => t.includes('Mengetahui,'));
    expect(signed).toHaveLength(1);
    expect(signed[0]).toContain('Jumlah seluruhnya: Rp');
    expect(signed[0]).toContain('Terbilang:');
    expect(signed[0]).toContain('Liwa, 10 April 2026');
    expect(signed[0]).toContain('NIP. 19700101 199503 1 002');
  }, 30_000);

  it('prints a long name on one rule as wide as the name, wrapped in its column', async () => {
    const ctx = await pemdaWithUnits(3);
    const doc = await recapPrint(ctx, '2026-03');
    const page = await browser.newPage();
    try {
      await page.setContent(toPdfHtml(doc, 'F4'));
      await page.emulateMedia({ media: 'print' });
      const m = await page.locator('.sig-name').first().evaluate((el) => {
        // The node project has no DOM types: the two globals this measurement needs, typed here.
        type Rect = { left: number; right: number; top: number };
        const g = globalThis as unknown as {
          getComputedStyle(e: unknown): { textDecorationLine: string; borderBottomWidth: string };
          document: { createRange(): { selectNodeContents(e: unknown): void; getClientRects(): ArrayLike<Rect> } };
        };
        const cs = g.getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const col = el.parentElement!.getBoundingClientRect();
        const range = g.document.createRange();
        range.selectNodeContents(el);
        const lines = Array.from(range.getClientRects());
        return {
          text: el.textContent,
          decoration: cs.textDecorationLine,
          rule: parseFloat(cs.borderBottomWidth),
          ruleLeft: box.left, ruleRight: box.right, colLeft: col.left, colRight: col.right,
          lineTops: new Set(lines.map((r) => Math.round(r.top))).size,
          textLeft: Math.min(...lines.map((r) => r.left)), textRight: Math.max(...lines.map((r) => r.right)),
        };
      });
      expect(m.text).toBe(LONG_NAME);
      expect(m.lineTops).toBeGreaterThan(1); // wrapped, not cut or overflowing
      expect(m.decoration).toBe('none'); // no per-line underline, broken at each line end
      expect(m.rule).toBeGreaterThan(0); // one rule under the whole name
      expect(m.ruleLeft).toBeLessThanOrEqual(m.textLeft + 0.5);
      expect(m.ruleRight).toBeGreaterThanOrEqual(m.textRight - 0.5);
      expect(m.ruleLeft).toBeGreaterThanOrEqual(m.colLeft - 0.5);
      expect(m.ruleRight).toBeLessThanOrEqual(m.colRight + 0.5);
    } finally {
      await page.close();
    }
    // And the PDF carries the whole name.
    const path = join(ctx.dir, 'recap-long-name.pdf');
    writeFileSync(path, await printWithChromium(toPdfHtml(doc, 'F4'), { paper: 'F4' }, browser));
    expect(pdfText(path)).toContain('Nasution Wiraatmadja');
    expect(pdfText(path)).toContain('NIP. 19700101 199503 1 002');
  }, 30_000);
});
