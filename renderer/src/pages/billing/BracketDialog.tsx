import { useState } from 'react';
import type { RatesDto } from '../../../../shared/contract/billing-calls';
import { addMonths } from '../../../../shared/dates';
import { parseRupiahText } from '../../../../shared/money';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { ErrorNote } from '../../components/Notice';
import { formatMonthId } from '../../format';
import { useSubmit } from '../../hooks/use-run';

interface Row { from: string; declared: string }

/** A new BPU bracket table effective from a month, starting from the latest one. */
export function BracketDialog({ rates, onClose, onSaved }: { rates: RatesDto; onClose: () => void; onSaved: (message: string) => void }) {
  const bridge = useBridge();
  const latest = rates.brackets[rates.brackets.length - 1];
  const [month, setMonth] = useState(addMonths(rates.currentMonth, 1));
  const [rows, setRows] = useState<Row[]>(latest ? latest.brackets.map((b) => ({ from: b.incomeFrom.toLocaleString('id-ID'), declared: b.declaredIncome.toLocaleString('id-ID') })) : [{ from: '0', declared: '1.000.000' }]);
  const [source, setSource] = useState(latest?.source ?? '');
  const [confidence, setConfidence] = useState<'H' | 'M' | 'L'>(latest?.confidence ?? 'M');
  const { busy, error, setError, submit: send } = useSubmit();
  const set = (i: number, r: Partial<Row>) => setRows(rows.map((x, k) => (k === i ? { ...x, ...r } : x)));

  const submit = async () => {
    const brackets = rows.map((r) => ({ incomeFrom: parseRupiahText(r.from), declaredIncome: parseRupiahText(r.declared) }));
    const bad = brackets.findIndex((b) => b.incomeFrom === null || b.declaredIncome === null);
    if (bad >= 0) return setError(new BridgeError('INVALID_INPUT', `Golongan ke-${bad + 1}: tulis penghasilan dan dasar iuran dalam rupiah, mis. 1.000.000.`));
    await send(async () => {
      await bridge.call('rates.saveBrackets', { effectiveMonth: month, source: source.trim(), confidence, brackets: brackets as { incomeFrom: number; declaredIncome: number }[] });
      onSaved(`Golongan BPU berlaku sejak ${formatMonthId(month)} tersimpan`);
    });
  };

  return (
    <Dialog title="Tabel golongan BPU baru" onClose={onClose} onSubmit={() => void submit()} submitLabel="Simpan golongan" busy={busy} wide>
      <div className="stack">
        <div className="form-grid">
          <div className="field">
            <span className="field-label">Berlaku sejak bulan iuran</span>
            <MonthPicker label="Golongan berlaku sejak" value={month} onChange={setMonth} years={yearsAround(`${rates.currentMonth}-01`)} />
          </div>
          <FormField label="Tingkat keyakinan">
            <select value={confidence} onChange={(e) => setConfidence(e.target.value as 'H' | 'M' | 'L')}>
              <option value="H">Tinggi</option>
              <option value="M">Sedang</option>
              <option value="L">Rendah</option>
            </select>
          </FormField>
          <FormField label="Sumber" required wide>
            <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={300} autoComplete="off" />
          </FormField>
        </div>
        <table className="simple-table bracket-editor">
          <thead>
            <tr>
              <th>Golongan</th>
              <th>Penghasilan mulai (Rp)</th>
              <th>Dasar iuran (Rp)</th>
              <th><span className="sr-only">Tindakan</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td><input aria-label={`Golongan ${i + 1}: penghasilan mulai`} value={r.from} onChange={(e) => set(i, { from: e.target.value })} maxLength={20} inputMode="numeric" /></td>
                <td><input aria-label={`Golongan ${i + 1}: dasar iuran`} value={r.declared} onChange={(e) => set(i, { declared: e.target.value })} maxLength={20} inputMode="numeric" /></td>
                <td>
                  {rows.length > 1 ? (
                    <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, k) => k !== i))} aria-label={`Hapus golongan ${i + 1}`}>Hapus</button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="button" className="button" onClick={() => setRows([...rows, { from: '', declared: '' }])}>+ Tambah golongan</button>
        </div>
        <p className="muted small">Golongan pertama harus mulai dari penghasilan 0. Dasar iuran harus naik dari golongan ke golongan.</p>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
