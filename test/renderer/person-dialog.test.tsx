import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { BridgeError } from '../../renderer/src/bridge';
import { PersonDialog } from '../../renderer/src/pages/roster/PersonDialog';
import { EndEngagementDialog } from '../../renderer/src/pages/roster/EndEngagementDialog';
import { emptyPerson } from '../../renderer/src/pages/roster/person-form';
import { renderScreen } from './render-app';

afterEach(cleanup);

const initial = { ...emptyPerson, nik: '1804015205900002', name: 'Siti Rahma', birthDate: '12-05-1990' };

describe('editing a person', () => {
  it("shows the core's message beside the form and keeps the dialog open", async () => {
    const onSaved = vi.fn();
    const b = renderScreen(<PersonDialog mode="edit" personId={5} initial={initial} onClose={() => undefined} onSaved={onSaved} />, {
      handlers: {
        'person.update': () => {
          throw new BridgeError('INVALID_INPUT', 'NIK 1804013205900002: tanggal 32 bukan tanggal yang sah.');
        },
      },
    });
    const nik = await screen.findByLabelText(/^NIK/);
    await waitFor(() => expect(document.activeElement).toBe(nik)); // focus moves in once the dialog's effect has run
    fireEvent.change(nik, { target: { value: '1804013205900002' } });
    fireEvent.submit(nik.closest('form')!); // Enter in a field submits the form
    expect((await screen.findByTestId('error-message')).textContent).toBe('NIK 1804013205900002: tanggal 32 bukan tanggal yang sah.');
    expect(onSaved).not.toHaveBeenCalled();
    expect(b.calls.find((c) => c.name === 'person.update')!.input).toEqual({
      personId: 5,
      person: {
        nik: '1804013205900002', name: 'Siti Rahma', birthPlace: null, birthDate: '1990-05-12', sex: null, address: null, phone: null, motherName: null, kpj: null,
        postalCode: null, email: null, maritalStatus: null, workLocation: null,
      },
    });
  });

  it('refuses an unreadable date before asking the core', async () => {
    const b = renderScreen(<PersonDialog mode="edit" personId={5} initial={{ ...initial, birthDate: '31-02-1990' }} onClose={() => undefined} onSaved={() => undefined} />, { handlers: {} });
    fireEvent.click(await screen.findByRole('button', { name: 'Simpan' }));
    expect((await screen.findByTestId('error-message')).textContent).toMatch(/Tanggal lahir "31-02-1990" tidak dapat dibaca/);
    expect(b.calls.some((c) => c.name === 'person.update')).toBe(false);
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    renderScreen(<PersonDialog mode="edit" personId={5} initial={initial} onClose={onClose} onSaved={() => undefined} />, { handlers: {} });
    const nik = await screen.findByLabelText(/^NIK/);
    // The dialog's effects (focus in, then the Escape listener) have run once focus has moved in.
    await waitFor(() => expect(document.activeElement).toBe(nik));
    fireEvent.keyDown(nik, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('ending an engagement', () => {
  it('needs a reason, then sends the typed date as ISO', async () => {
    const onSaved = vi.fn();
    const b = renderScreen(<EndEngagementDialog engagementId={9} opd="Dinas Sosial" startDate="2026-01-01" today="2026-03-10" onClose={() => undefined} onSaved={onSaved} />, {
      handlers: { 'engagement.end': () => null },
    });
    const date = await screen.findByLabelText(/^Tanggal berakhir/);
    expect((date as HTMLInputElement).value).toBe('10-03-2026');
    fireEvent.click(screen.getByRole('button', { name: 'Akhiri' }));
    expect((await screen.findByTestId('error-message')).textContent).toMatch(/alasan/);
    fireEvent.change(date, { target: { value: '31 Maret 2026' } });
    expect(screen.getByText('31 Maret 2026', { selector: '.date-read' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Alasan/), { target: { value: 'Mengundurkan diri' } });
    fireEvent.click(screen.getByRole('button', { name: 'Akhiri' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(b.calls.find((c) => c.name === 'engagement.end')!.input).toEqual({ engagementId: 9, endDate: '2026-03-31', reason: 'Mengundurkan diri' });
  });
});
