import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Input, SkPreviewDto } from '../../shared/contract/index';
import { BridgeError } from '../../renderer/src/bridge';
import { ImportWizardPage } from '../../renderer/src/pages/skimport/ImportWizardPage';
import { ProgressBar } from '../../renderer/src/components/ProgressBar';
import { useProgress } from '../../renderer/src/hooks/use-progress';
import { renderScreen } from './render-app';
import { rosterOptions } from './fake-bridge';

afterEach(cleanup);

const TOKEN = 'a'.repeat(32);

const preview = (over: Partial<SkPreviewDto> = {}): SkPreviewDto => ({
  previewId: 'b'.repeat(32), file: 'lampiran.xlsx', sha256: 'c'.repeat(64),
  title: { number: '800/12/KPTS/2026', date: '2026-02-20', subject: null, signatory: null, tmt: null },
  decree: { number: '800/12/KPTS/2026', date: '2026-02-20', subject: null, tmtStart: '2026-03-01', tmtEnd: '2026-12-31', categoryId: 1, category: 'Tenaga Non-ASN (Honorer)', mode: 'replace' },
  blocking: [],
  sheets: [{ sheet: 'Lampiran', headerRows: [6], columns: { name: 1, nik: 2 }, labels: [{ index: 1, label: 'NAMA', field: 'name' }, { index: 2, label: 'NIK', field: 'nik' }], unitSource: 'column', dataRows: 3, sample: [] }],
  rows: 3, accepted: 2,
  rejected: [{ sheet: 'Lampiran', row: 9, column: 'C', columnName: 'NIK', code: 'NIK_NUMERIC', message: 'NIK ditulis sebagai angka.', severity: 'error', name: 'Budi' }],
  warnings: [], newUnits: [], units: [],
  diff: { added: [{ nik: '1804011205900001', name: 'Ani', opd: 'Dinas Sosial', honor: 1_000_000 }, { nik: '1804011205900002', name: 'Rudi', opd: 'Dinas Sosial', honor: 1_000_000 }], removed: [], changed: [], unchanged: 0 },
  counts: { rejected: 1, warnings: 0, added: 2, removed: 0, changed: 0 },
  ...over,
});

describe('the SK import wizard', () => {
  it('chooses, reads with the typed TMT, shows the refused rows, and applies only the valid ones when told to', async () => {
    const b = renderScreen(<ImportWizardPage />, {
      handlers: {
        'roster.options': () => rosterOptions,
        'sk.chooseFile': () => ({ token: TOKEN, name: 'lampiran.xlsx', size: 48_000 }),
        'sk.preview': () => preview(),
        'sk.apply': () => ({ decreeId: 3, number: '800/12/KPTS/2026', persons: 2, created: 2, updated: 0, ended: 0, newUnits: 0 }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pilih berkas…' }));
    expect((await screen.findByTestId('chosen-file')).textContent).toContain('lampiran.xlsx47 KB');
    fireEvent.change(screen.getByLabelText(/^TMT/), { target: { value: '01-03-2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Baca berkas' }));

    await screen.findByTestId('problem-table');
    expect(b.calls.find((c) => c.name === 'sk.preview')!.input).toEqual({ token: TOKEN, mode: 'replace', tmt: '2026-03-01', categoryId: 1 });
    expect(screen.getByTestId('problem-table').textContent).toContain('NIK ditulis sebagai angka.');

    const apply = screen.getByRole('button', { name: 'Terapkan SK' }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/Terapkan baris yang sah saja/));
    expect(apply.disabled).toBe(false);
    fireEvent.click(apply);
    expect((await screen.findByTestId('import-done')).textContent).toContain('SK 800/12/KPTS/2026 sudah diterapkan');
    expect(b.calls.find((c) => c.name === 'sk.apply')!.input).toEqual({ previewId: 'b'.repeat(32), skipInvalid: true });

    // Back to the first step: the decree's data read from the title rows is filled in for the next time.
    fireEvent.click(screen.getByRole('button', { name: 'Impor SK lain' }));
    expect((screen.getByLabelText(/^Nomor SK/) as HTMLInputElement).value).toBe('');
  });

  it('blocks applying while something stops the SK, and fills the form with what was read', async () => {
    renderScreen(<ImportWizardPage />, {
      handlers: {
        'roster.options': () => rosterOptions,
        'sk.chooseFile': () => ({ token: TOKEN, name: 'x.xlsx', size: 10 }),
        'sk.preview': () => preview({ decree: null, blocking: [{ code: 'DECREE_EXISTS', message: 'SK nomor 800/12/KPTS/2026 sudah pernah diimpor.' }] }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pilih berkas…' }));
    await screen.findByTestId('chosen-file');
    fireEvent.click(screen.getByRole('button', { name: 'Baca berkas' }));
    expect((await screen.findByTestId('preview-summary')).textContent).toContain('sudah pernah diimpor');
    expect((screen.getByRole('button', { name: 'Terapkan SK' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '← Ubah data SK' }));
    expect((screen.getByLabelText(/^Nomor SK/) as HTMLInputElement).value).toBe('800/12/KPTS/2026');
    expect((screen.getByLabelText(/^Tanggal SK/) as HTMLInputElement).value).toBe('20-02-2026');
  });

  it('offers the column editor when no NIK column was found, and sends the clerk’s mapping', async () => {
    const previews: Input<'sk.preview'>[] = [];
    renderScreen(<ImportWizardPage />, {
      handlers: {
        'roster.options': () => rosterOptions,
        'sk.chooseFile': () => ({ token: TOKEN, name: 'odd.csv', size: 10 }),
        'sk.inspect': () => ({ sheets: [{ name: 'odd', rows: [{ row: 1, cells: ['Nama', 'Kolom 2', 'Kolom 3'] }, { row: 2, cells: ['x', '1804011205900001', 'Budi'] }] }] }),
        'sk.preview': (input) => {
          previews.push(input);
          if (!input.overrides) {
            throw new BridgeError('NO_NIK_COLUMN', 'Berkas "odd.csv", sheet "odd", baris 1: tidak ada kolom NIK.');
          }
          return preview();
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pilih berkas…' }));
    await screen.findByTestId('chosen-file');
    fireEvent.click(screen.getByRole('button', { name: 'Baca berkas' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sesuaikan kolom…' }));
    await screen.findByText('Budi');
    fireEvent.change(screen.getByLabelText('Baris judul kolom'), { target: { value: '1' } });
    fireEvent.change(screen.getByLabelText('Isi kolom B'), { target: { value: 'nik' } });
    fireEvent.click(screen.getByRole('button', { name: 'Terapkan dan baca ulang' }));
    expect((await within(screen.getByRole('dialog')).findByRole('alert')).textContent).toContain('pilih kolom Nama');
    fireEvent.change(screen.getByLabelText('Isi kolom C'), { target: { value: 'name' } });
    fireEvent.click(screen.getByRole('button', { name: 'Terapkan dan baca ulang' }));
    await screen.findByTestId('review');
    expect(previews.at(-1)!.overrides).toEqual({ odd: { headerRow: 1, columns: { nik: 1, name: 2 } } });
  });
});

describe('the progress bar', () => {
  it('runs without a total while reading, with the rows read so far', async () => {
    const { rerender } = render(<ProgressBar label="Membaca berkas" event={{ task: 'sk.preview', phase: 'Membaca berkas', done: 12_000, total: null }} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.className).toContain('progress-indeterminate');
    expect(screen.getByText('12.000 baris')).toBeTruthy();
    rerender(<ProgressBar label="Menerapkan SK" event={{ task: 'sk.apply', phase: 'Menyimpan', done: 250, total: 1000 }} />);
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('25'));
    expect(screen.getByText('250 dari 1.000 baris (25%)')).toBeTruthy();
  });

  it('follows the bridge’s progress events of its task only', async () => {
    function Probe() {
      const e = useProgress('sk.apply');
      return <span data-testid="probe">{e ? `${e.done}/${e.total}` : 'none'}</span>;
    }
    const b = renderScreen(<Probe />, { handlers: {} });
    await screen.findByText('none');
    act(() => b.emitProgress({ task: 'sk.preview', phase: 'x', done: 1, total: null }));
    expect(screen.getByTestId('probe').textContent).toBe('none');
    act(() => b.emitProgress({ task: 'sk.apply', phase: 'x', done: 5, total: 10 }));
    expect(screen.getByTestId('probe').textContent).toBe('5/10');
  });
});
