import { useState } from 'react';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatNumber } from '../../format';
import { BULK_FIELDS, type BulkField, type BulkPreviewDto, type BulkSelectionDto } from '../../../../shared/contract/roster-bulk-calls';
import { CONTACT_LABELS } from '../../../../shared/person-contact';
import { useSubmit } from '../../hooks/use-run';

const HINTS: Record<BulkField, string> = {
  maritalStatus: 'Seperti kolom STATUS_KAWIN pada berkas BPJS: Y = kawin, T = tidak kawin.',
  workLocation: 'Kode lokasi dari templat kantor cabang, misalnya KANTOR BUPATI.',
  postalCode: 'Lima angka, misalnya 34812.',
};

/** A stored value as the clerk reads it (as the person page writes it): `Kawin (Y)`, `34812`, `(kosong)`. */
export function bulkValueText(field: BulkField, v: string | null): string {
  if (v === null) return '(kosong)';
  if (field === 'maritalStatus') return v === 'Y' ? 'Kawin (Y)' : v === 'T' ? 'Tidak kawin (T)' : v;
  return v;
}

interface Props {
  selection: BulkSelectionDto;
  count: number;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * Ubah massal: one field, one value, for the people ticked. First a preview from the core (how many
 * change, from what), then the clerk confirms and the core writes all or nothing.
 */
export function BulkEditDialog({ selection, count, onClose, onDone }: Props) {
  const bridge = useBridge();
  const [field, setField] = useState<BulkField>('maritalStatus');
  const [value, setValue] = useState('Y');
  const [preview, setPreview] = useState<BulkPreviewDto | null>(null);
  const { busy, error, submit } = useSubmit();

  const run = async (step: () => Promise<void>) => {
    await submit(async () => {
      await step();
    });
  };
  const askPreview = () => run(async () => setPreview(await bridge.call('roster.bulkPreview', { selection, field, value })));
  const apply = (p: BulkPreviewDto) =>
    run(async () => {
      const { changed } = await bridge.call('roster.bulkApply', { previewId: p.previewId });
      onDone(`${p.label} ${formatNumber(changed)} pegawai diubah menjadi ${bulkValueText(p.field, p.value)}.`);
    });

  if (preview) {
    const p = preview;
    return (
      <Dialog
        title="Periksa ubah massal"
        onClose={onClose}
        onSubmit={() => void apply(p)}
        submitLabel={p.changing > 0 ? `Terapkan ke ${formatNumber(p.changing)} pegawai` : 'Tidak ada yang berubah'}
        canSubmit={p.changing > 0}
        busy={busy}
        wide
      >
        <p data-testid="bulk-summary">
          {formatNumber(p.selected)} pegawai dipilih: <strong>{formatNumber(p.changing)} berubah</strong>
          {p.unchanged > 0 ? `, ${formatNumber(p.unchanged)} sudah ${bulkValueText(p.field, p.value)}` : ''}.
        </p>
        {p.groups.length > 0 ? (
          <ul className="bulk-groups" aria-label="Perubahan per nilai lama">
            {p.groups.map((g) => (
              <li key={g.from ?? ''}>
                {p.label}: {bulkValueText(p.field, g.from)} → {bulkValueText(p.field, p.value)}: <strong>{formatNumber(g.count)}</strong> pegawai
              </li>
            ))}
          </ul>
        ) : null}
        {p.people.length > 0 ? (
          <div className="bulk-people">
            <table>
              <thead>
                <tr>
                  <th>NIK</th>
                  <th>Nama</th>
                  <th>Lama</th>
                  <th>Baru</th>
                </tr>
              </thead>
              <tbody>
                {p.people.map((x) => (
                  <tr key={x.personId}>
                    <td className="tabular">{x.nik}</td>
                    <td>{x.name}</td>
                    <td>{bulkValueText(p.field, x.from)}</td>
                    <td>{bulkValueText(p.field, p.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {p.changing > p.people.length ? <p className="muted small">Ditampilkan {formatNumber(p.people.length)} pertama dari {formatNumber(p.changing)}.</p> : null}
        <p className="muted small">Semua perubahan disimpan sekaligus atau tidak sama sekali, dan masing-masing dicatat di jejak audit.</p>
        <ErrorNote error={error} />
      </Dialog>
    );
  }

  return (
    <Dialog title="Ubah massal" onClose={onClose} onSubmit={() => void askPreview()} submitLabel="Pratinjau" busy={busy}>
      <p className="muted">{formatNumber(count)} pegawai dipilih. Pilih satu kolom dan nilainya; pratinjau menunjukkan siapa yang berubah sebelum disimpan.</p>
      <div className="form-grid form-grid-single">
        <FormField label="Kolom">
          <select
            value={field}
            onChange={(e) => {
              const f = e.target.value as BulkField;
              setField(f);
              setValue(f === 'maritalStatus' ? 'Y' : '');
            }}
          >
            {BULK_FIELDS.map((f) => (
              <option key={f} value={f}>
                {CONTACT_LABELS[f]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Nilai baru" hint={HINTS[field]}>
          {field === 'maritalStatus' ? (
            <select value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="Y">Kawin (Y)</option>
              <option value="T">Tidak kawin (T)</option>
              <option value="">Kosongkan</option>
            </select>
          ) : (
            <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={field === 'postalCode' ? 10 : 60} inputMode={field === 'postalCode' ? 'numeric' : undefined} />
          )}
        </FormField>
      </div>
      {field !== 'maritalStatus' && value.trim() === '' ? <Notice tone="warning">Nilai kosong akan mengosongkan kolom ini untuk pegawai yang dipilih.</Notice> : null}
      <ErrorNote error={error} />
    </Dialog>
  );
}
