import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { Input, RosterRowDto } from '../../shared/contract/index';
import { RosterPage, SEARCH_DELAY_MS } from '../../renderer/src/pages/roster/RosterPage';
import { renderScreen } from './render-app';
import { rosterOptions } from './fake-bridge';

afterEach(cleanup);

const row = (i: number): RosterRowDto => ({
  personId: i, engagementId: i, nik: `18040115059000${String(i).padStart(2, '0')}`, name: `Pegawai ${i}`, sex: 'L', birthPlace: null, birthDate: null, kpj: null,
  opdId: 1, opd: 'Dinas Sosial', opdCode: '01', categoryId: 1, category: 'Tenaga Non-ASN (Honorer)', segment: 'PU', position: null, honor: 1_500_000,
  reportedWage: 1_500_000, startDate: '2026-01-01', endDate: null, decreeNumber: null, active: true,
});

/** A roster of `total` people answered page by page, as the core does. */
function roster(total: number) {
  return (f: Input<'roster.list'>) => {
    const matching = f.search ? [row(7)] : Array.from({ length: total }, (_, i) => row(i + 1));
    const offset = f.offset ?? 0;
    return { total: matching.length, rows: matching.slice(offset, offset + (f.limit ?? 200)) };
  };
}

describe('Pegawai', () => {
  it('shows the count, and asks for one page at a time', async () => {
    const b = renderScreen(<RosterPage />, { handlers: { 'roster.options': () => rosterOptions, 'roster.list': roster(1234) } });
    await screen.findByText('Menampilkan 1.234 pegawai');
    const lists = b.calls.filter((c) => c.name === 'roster.list').map((c) => c.input as Input<'roster.list'>);
    expect(lists[0]).toMatchObject({ month: '2026-03', status: 'active', sort: 'name', offset: 0, limit: 200 });
  });

  it('searches once the typing pauses, not on every key', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const b = renderScreen(<RosterPage />, { handlers: { 'roster.options': () => rosterOptions, 'roster.list': roster(50) } });
      await screen.findByText('Menampilkan 50 pegawai');
      const box = screen.getByLabelText('Cari nama, NIK atau KPJ');
      for (const text of ['1', '18', '1804']) fireEvent.change(box, { target: { value: text } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS + 10);
      });
      await screen.findByText('Menampilkan 1 pegawai');
      const searches = b.calls.filter((c) => c.name === 'roster.list' && (c.input as Input<'roster.list'>).search !== undefined);
      expect(searches.map((c) => (c.input as Input<'roster.list'>).search)).toEqual(['1804']);
      expect(b.router.state.location.search).toBe('?cari=1804');
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a filter chosen while a search was still waiting for the typing to pause', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const b = renderScreen(<RosterPage />, { handlers: { 'roster.options': () => rosterOptions, 'roster.list': roster(50) } });
      await screen.findByText('Menampilkan 50 pegawai');
      fireEvent.change(screen.getByLabelText('Cari nama, NIK atau KPJ'), { target: { value: 'Sari' } });
      fireEvent.change(screen.getByLabelText('OPD'), { target: { value: '2' } });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS + 10);
      });
      expect(new URLSearchParams(b.router.state.location.search).get('opd')).toBe('2');
      expect(new URLSearchParams(b.router.state.location.search).get('cari')).toBe('Sari');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sorts by a column header, and the other way on a second click', async () => {
    const b = renderScreen(<RosterPage />, { handlers: { 'roster.options': () => rosterOptions, 'roster.list': roster(10) } });
    await screen.findByText('Menampilkan 10 pegawai');
    fireEvent.click(screen.getByRole('button', { name: /Honor/ }));
    await waitFor(() => expect(b.router.state.location.search).toBe('?urut=honor'));
    expect(screen.getByRole('columnheader', { name: /Honor/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /Honor/ }));
    await waitFor(() => expect(b.router.state.location.search).toBe('?urut=honor&turun=1'));
    const last = b.calls.filter((c) => c.name === 'roster.list').at(-1)!.input;
    expect(last).toMatchObject({ sort: 'honor', desc: true });
  });

  it('filters by OPD and status, and clears the filters', async () => {
    const b = renderScreen(<RosterPage />, { handlers: { 'roster.options': () => rosterOptions, 'roster.list': roster(10) } });
    await screen.findByText('Menampilkan 10 pegawai');
    fireEvent.change(screen.getByLabelText('OPD'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'ended' } });
    await waitFor(() => expect(b.calls.at(-1)!.input).toMatchObject({ opdId: 2, status: 'ended' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hapus filter' }));
    await waitFor(() => expect(b.router.state.location.search).toBe(''));
  });
});
