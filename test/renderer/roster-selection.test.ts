/** The roster's selection for bulk edits, and the remembered export columns. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import { useRosterSelection } from '../../renderer/src/pages/roster/roster-selection';
import { moveColumn, rememberColumns, rememberedColumns } from '../../renderer/src/pages/roster/export-columns-memory';
import { DEFAULT_ROSTER_COLUMNS } from '../../shared/roster-export-columns';
import type { Input } from '../../shared/contract/index';

afterEach(cleanup);

const march: Omit<Input<'roster.list'>, 'offset' | 'limit'> = { month: '2026-03', status: 'active', sort: 'name', desc: false };

describe('useRosterSelection', () => {
  it('ticks people one by one and keeps them while the filter changes', () => {
    const { result, rerender } = renderHook(({ f, total }) => useRosterSelection(f, total), { initialProps: { f: march, total: 48 as number | null } });
    act(() => result.current.toggle(7));
    act(() => result.current.toggle(9));
    act(() => result.current.toggle(7));
    expect(result.current.count).toBe(1);
    expect(result.current.dto()).toEqual({ kind: 'ids', personIds: [9] });
    rerender({ f: { ...march, search: 'siti' }, total: 3 });
    expect(result.current.isSelected(9)).toBe(true);
    expect(result.current.dto()).toEqual({ kind: 'ids', personIds: [9] });
  });

  it('"all shown" sends the filter less the unticked, and means nothing under another filter', () => {
    const { result, rerender } = renderHook(({ f, total }) => useRosterSelection(f, total), { initialProps: { f: march, total: 48 as number | null } });
    act(() => result.current.selectAllShown());
    act(() => result.current.toggle(3));
    // 48 shown, one unticked: 47.
    expect(result.current.count).toBe(47);
    expect(result.current.isSelected(3)).toBe(false);
    expect(result.current.isSelected(4)).toBe(true);
    expect(result.current.dto()).toEqual({ kind: 'filter', filter: march, except: [3] });
    rerender({ f: { ...march, month: '2026-04' }, total: 50 });
    expect(result.current.count).toBe(0);
    expect(result.current.isSelected(4)).toBe(false);
    // A tick under the new filter starts a fresh selection of ids.
    act(() => result.current.toggle(5));
    expect(result.current.dto()).toEqual({ kind: 'ids', personIds: [5] });
  });
});

describe('remembered export columns', () => {
  const store = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
  };

  it('per user; unknown or repeated columns dropped; nothing or damaged gives the default', () => {
    const s = store();
    expect(rememberedColumns('ani', s)).toEqual(DEFAULT_ROSTER_COLUMNS);
    rememberColumns('ani', ['name', 'nik', 'maritalStatus'], s);
    expect(rememberedColumns('ani', s)).toEqual(['name', 'nik', 'maritalStatus']);
    expect(rememberedColumns('budi', s)).toEqual(DEFAULT_ROSTER_COLUMNS);
    s.setItem('sigap.unduhPegawai.kolom.budi', JSON.stringify(['name', 'gaji', 'name']));
    expect(rememberedColumns('budi', s)).toEqual(['name']);
    s.setItem('sigap.unduhPegawai.kolom.budi', '{rusak');
    expect(rememberedColumns('budi', s)).toEqual(DEFAULT_ROSTER_COLUMNS);
  });

  it('moves a column up or down, never past the ends', () => {
    expect(moveColumn(['nik', 'name', 'honor'], 'name', -1)).toEqual(['name', 'nik', 'honor']);
    expect(moveColumn(['nik', 'name', 'honor'], 'name', 1)).toEqual(['nik', 'honor', 'name']);
    expect(moveColumn(['nik', 'name'], 'nik', -1)).toEqual(['nik', 'name']);
    expect(moveColumn(['nik', 'name'], 'name', 1)).toEqual(['nik', 'name']);
  });
});
