import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import type { SkPreviewDto } from '../../shared/contract/index';
import { ImportWizardPage } from '../../renderer/src/pages/skimport/ImportWizardPage';
import { renderScreen } from './render-app';
import { rosterOptions } from './fake-bridge';

afterEach(cleanup);

const preview: SkPreviewDto = {
  previewId: 'b'.repeat(32), file: 'lampiran.xlsx', sha256: 'c'.repeat(64),
  title: { number: '800/12/KPTS/2026', date: '2026-02-20', subject: null, signatory: null, tmt: '2026-03-01' },
  decree: { number: '800/12/KPTS/2026', date: '2026-02-20', subject: null, tmtStart: '2026-03-01', tmtEnd: '2026-12-31', categoryId: 1, category: 'Tenaga Non-ASN (Honorer)', mode: 'amend' },
  blocking: [], sheets: [], rows: 4, accepted: 4, rejected: [], warnings: [],
  newUnits: ['DINSOS', 'Desa Sebarus', 'UPTD Puskesmas Liwa'],
  units: [
    { read: 'DINSOS', rows: 1, status: 'proposed', opdId: 1, opdName: 'Dinas Sosial', confidence: 0.97, via: 'abbreviation' },
    { read: 'Desa Sebarus', rows: 1, status: 'proposed', opdId: 2, opdName: 'Pekon Sebarus', confidence: 0.94, via: 'similar' },
    { read: 'Pekon Sebarus', rows: 1, status: 'exact', opdId: 2, opdName: 'Pekon Sebarus', confidence: 1, via: 'exact' },
    { read: 'UPTD Puskesmas Liwa', rows: 1, status: 'new', opdId: null, opdName: null, confidence: 0, via: null },
  ],
  diff: { added: [], removed: [], changed: [], unchanged: 0 },
  counts: { rejected: 0, warnings: 0, added: 4, removed: 0, changed: 0 },
};

describe('the Unit kerja step of the SK wizard', () => {
  it('lists the names that are not a unit\'s own, waits for the unknown one, and sends the clerk\'s choices with the apply', async () => {
    const b = renderScreen(<ImportWizardPage />, {
      handlers: {
        'roster.options': () => rosterOptions,
        'sk.chooseFile': () => ({ token: 'a'.repeat(32), name: 'lampiran.xlsx', size: 1_000 }),
        'sk.preview': () => preview,
        'sk.apply': () => ({ decreeId: 3, number: '800/12/KPTS/2026', persons: 4, created: 4, updated: 0, ended: 0, newUnits: 1 }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pilih berkas…' }));
    await screen.findByTestId('chosen-file');
    fireEvent.click(screen.getByRole('button', { name: 'Baca berkas' }));
    const step = await screen.findByTestId('unit-step');
    expect(within(step).getAllByRole('row')).toHaveLength(4); // header + three names; "Pekon Sebarus" is a unit's own name
    expect(step.textContent).toContain('singkatan · 97%');
    expect(step.textContent).toContain('1 belum dipastikan');

    const apply = screen.getByRole('button', { name: 'Terapkan SK' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    // The clerk moves "Desa Sebarus" to Dinas Sosial and asks for the puskesmas as a new unit.
    fireEvent.change(screen.getByLabelText('Unit untuk “Desa Sebarus”'), { target: { value: '1' } });
    fireEvent.click(screen.getByLabelText('Buat unit baru “UPTD Puskesmas Liwa”'));
    expect((screen.getByLabelText('Unit untuk “UPTD Puskesmas Liwa”') as HTMLSelectElement).disabled).toBe(true);
    expect(step.textContent).toContain('semua dipastikan');
    expect(apply.disabled).toBe(false);
    fireEvent.click(apply);
    await screen.findByTestId('import-done');
    expect(b.calls.find((c) => c.name === 'sk.apply')!.input).toEqual({
      previewId: 'b'.repeat(32), skipInvalid: false, units: { DINSOS: 1, 'Desa Sebarus': 1, 'UPTD Puskesmas Liwa': 'new' },
    });
  });
});
