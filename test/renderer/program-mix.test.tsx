/**
 * Beranda's program figure (issue 19): labelled bars instead of a donut that showed one slice. Every
 * program set keeps its row with its count and share, the empty ones included, and a bar only where
 * there are people.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { CoverageSummaryDto } from '../../shared/contract/coverage-calls';
import { ProgramMixBars } from '../../renderer/src/pages/coverage/program-mix';

afterEach(cleanup);

const summary = (programMix: CoverageSummaryDto['programMix']) => ({ programMix }) as CoverageSummaryDto;

describe('ProgramMixBars', () => {
  it('shows all three program sets with counts and shares, even when one holds nearly everyone', () => {
    render(<ProgramMixBars s={summary({ jkkJkmOnly: 1480, allFour: 18, other: 2 })} />);
    const fig = screen.getByTestId('chart-programs');
    expect(fig.textContent).toContain('1.500 peserta terdaftar');
    const rows = within(fig).getAllByTestId('program-mix-row');
    expect(rows.map((r) => r.getAttribute('data-set'))).toEqual(['jkkJkmOnly', 'allFour', 'other']);
    expect(rows[0]!.textContent).toContain('JKK + JKM saja');
    expect(rows[0]!.textContent).toContain('1.480 orang · 98,7%');
    expect(rows[1]!.textContent).toContain('18 orang · 1,2%');
    expect(rows[2]!.textContent).toContain('2 orang · 0,1%');
    // A small set still gets a visible bar (at least 1% of the track).
    expect(Number(rows[2]!.querySelector('.program-mix-fill')!.getAttribute('width'))).toBeGreaterThanOrEqual(1);
  });

  it('says 0 orang for an empty set and draws no bar for it', () => {
    render(<ProgramMixBars s={summary({ jkkJkmOnly: 40, allFour: 0, other: 0 })} />);
    const rows = screen.getAllByTestId('program-mix-row');
    expect(rows[1]!.textContent).toContain('0 orang · 0,0%');
    expect(rows[1]!.querySelector('.program-mix-fill')).toBeNull();
    expect(rows[0]!.querySelector('.program-mix-fill')!.getAttribute('width')).toBe('100');
  });

  it('says so when nobody is enrolled yet', () => {
    render(<ProgramMixBars s={summary({ jkkJkmOnly: 0, allFour: 0, other: 0 })} />);
    expect(screen.getByText('Belum ada peserta terdaftar.')).toBeTruthy();
    expect(screen.queryByTestId('chart-programs')).toBeNull();
  });
});
