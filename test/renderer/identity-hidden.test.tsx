/**
 * What finance and viewer see where the core hides identity: the person page says "disembunyikan" (not a
 * dash, not "undefined") for mother's name, phone and address, gives the birth year, and names a hidden
 * change in the trail; the roster's search says it is by name only and NIK is no sort column. The
 * replies are built by the core's own mask (shared/mask.ts), as the bridge sends them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { Output, RosterRowDto } from '../../shared/contract/index';
import type { SessionStatusDto } from '../../shared/contract/security-calls';
import { maskForRole } from '../../shared/mask';
import { PersonPage } from '../../renderer/src/pages/roster/PersonPage';
import { RosterPage } from '../../renderer/src/pages/roster/RosterPage';
import { SessionGate } from '../../renderer/src/session/session';
import { BridgeProvider } from '../../renderer/src/bridge-context';
import { AppInfoProvider } from '../../renderer/src/app-info';
import { appInfo, fakeBridge, rosterOptions, type FakeHandlers } from './fake-bridge';
import { renderScreen } from './render-app';

afterEach(cleanup);

const person: Output<'person.get'> = {
  person: {
    id: 7, nik: '1804015505900003', name: 'Sari Wulandari', birthPlace: 'Liwa', birthDate: '1990-05-15', sex: 'P',
    address: 'Jl. Merdeka No. 5, Liwa', phone: '081277665544', motherName: 'Suharti', kpj: '11000000007',
    createdAt: '2026-01-02T03:00:00Z', updatedAt: '2026-03-02T03:00:00Z',
  },
  current: null,
  engagements: [],
  audit: [{ id: 3, at: '2026-03-02T03:00:00Z', actor: 'siti', action: 'update', entity: 'person', entityId: 7, summary: '1804015505900003 diubah: phone', before: { phone: '081200000000' }, after: { phone: '081277665544' } }],
  nikWarnings: [],
  incidents: [],
  death: null,
};

describe('identity hidden from finance and viewer', () => {
  it('the person page writes "disembunyikan" and the birth year, never a dash or undefined', async () => {
    const masked = maskForRole(person);
    renderScreen(<PersonPage />, { route: '/pegawai/:personId', path: '/pegawai/7', handlers: { 'person.get': () => masked } });
    const card = await screen.findByTestId('identity');
    const text = card.textContent ?? '';
    expect(text).toContain('1804********0003');
    expect(text).toContain('1100***0007');
    expect(text).toContain('Liwa, tahun 1990');
    expect(text).not.toMatch(/undefined|null|15 Mei|Suharti|Merdeka|0812/);
    const value = (label: string) => within(card).getByText(label).nextElementSibling?.textContent;
    expect(value('Nama ibu kandung')).toBe('disembunyikan');
    expect(value('Telepon/HP')).toBe('disembunyikan');
    expect(value('Alamat')).toBe('disembunyikan');
    expect(screen.getByTestId('identity-hidden-note').textContent).toContain('disembunyikan');
    // The trail still shows that the phone changed, without the numbers.
    const trail = screen.getByTestId('audit-trail').textContent ?? '';
    expect(trail).toContain('Telepon: disembunyikan → disembunyikan');
    expect(trail).not.toContain('0812');
  });

  it('for admin and hr the page is unchanged: full values, no note', async () => {
    renderScreen(<PersonPage />, { route: '/pegawai/:personId', path: '/pegawai/7', handlers: { 'person.get': () => person } });
    const card = await screen.findByTestId('identity');
    expect(card.textContent).toContain('Suharti');
    expect(card.textContent).toContain('15 Mei 1990');
    expect(screen.queryByTestId('identity-hidden-note')).toBeNull();
  });

  it('the roster search says it is by name only, and NIK is no sort column, for a viewer', async () => {
    const status: SessionStatusDto = {
      needsSetup: false, user: { id: 2, username: 'budi', displayName: 'Budi', role: 'viewer', mustChangePassword: false }, locked: false, lockMinutes: 15, seesIdentity: false,
    };
    const row = maskForRole<RosterRowDto>({
      personId: 7, engagementId: 9, nik: '1804015505900003', name: 'Sari Wulandari', sex: 'P', birthPlace: 'Liwa', birthDate: '1990-05-15', kpj: null,
      opdId: 1, opd: 'Dinas Sosial', opdCode: '01', categoryId: 1, category: 'Tenaga Non-ASN (Honorer)', segment: 'PU', position: null, honor: 1_500_000,
      reportedWage: 1_500_000, startDate: '2026-01-01', endDate: null, decreeNumber: null, active: true,
    });
    const handlers: FakeHandlers = {
      'app.info': () => appInfo, 'auth.status': () => status, 'roster.options': () => rosterOptions, 'roster.list': () => ({ total: 1, rows: [row] }),
    };
    const router = createMemoryRouter([{ path: '/', element: <RosterPage /> }], { initialEntries: ['/'] });
    render(
      <BridgeProvider bridge={fakeBridge(handlers)}>
        <SessionGate>
          <AppInfoProvider>
            <RouterProvider router={router} />
          </AppInfoProvider>
        </SessionGate>
      </BridgeProvider>,
    );
    const box = await screen.findByLabelText('Cari nama pegawai');
    expect(box.getAttribute('placeholder')).toBe('Cari nama pegawai…');
    expect(screen.getByTestId('roster-search-hint').textContent).toBe('Pencarian menurut nama saja: NIK dan KPJ disembunyikan untuk peran Anda.');
    await screen.findByText('Menampilkan 1 pegawai');
    const nikHead = screen.getAllByRole('columnheader').find((h) => h.textContent === 'NIK')!;
    expect(within(nikHead).queryByRole('button')).toBeNull();
    expect(within(screen.getAllByRole('columnheader').find((h) => h.textContent?.startsWith('Nama'))!).getByRole('button')).toBeTruthy();
  });
});
