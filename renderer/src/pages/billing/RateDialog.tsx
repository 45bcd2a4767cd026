import { useState } from 'react';
import type { RatesDto } from '../../../../shared/contract/billing-calls';
import type { RateParamKey } from '../../../../shared/billing-types';
import { addMonths } from '../../../../shared/dates';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { ErrorNote } from '../../components/Notice';
import { formatMonthId } from '../../format';
import { formatRateValue } from './billing-labels';
import { parseRateValue, rateValueText, rowInForce } from './rate-value';
import { useSubmit } from '../../hooks/use-run';

interface Props {
  rates: RatesDto;
  initialKey: string | undefined;
  onClose: () => void;
  onSaved: (message: string) => void;
}

const UNIT_HINTS: Record<string, string> = {
  bp: 'dalam persen, mis. 0,24 untuk 0,24%',
  rupiah: 'dalam rupiah, mis. 11.086.300',
  day: 'tanggal 1-31',
  months: '0 = bulan iuran itu sendiri, 1 = bulan berikutnya',
  flag: '1 = ya, 0 = tidak',
  monthRule: '0 = terikat satu hari pun dalam bulan itu, 1 = terikat pada tanggal 1',
};

/** A new dated row for one rate (or a change to the row of that same month). */
export function RateDialog({ rates, initialKey, onClose, onSaved }: Props) {
  const bridge = useBridge();
  const [key, setKey] = useState(initialKey ?? rates.specs[0]!.key);
  const spec = rates.specs.find((s) => s.key === key)!;
  const current = rowInForce(rates.params, key, rates.currentMonth);
  const [month, setMonth] = useState(addMonths(rates.currentMonth, 1));
  const [value, setValue] = useState(current ? rateValueText(spec.unit, current.value) : '');
  const [source, setSource] = useState('');
  const [confidence, setConfidence] = useState<'H' | 'M' | 'L'>('H');
  const [note, setNote] = useState('');
  const { busy, error, setError, submit: send } = useSubmit();
  const parsed = parseRateValue(spec.unit, value);
  const existing = rates.params.find((p) => p.key === key && p.effectiveMonth === month);

  const submit = async () => {
    if (parsed === null) return setError(new BridgeError('INVALID_INPUT', `Nilai tidak terbaca: tulis ${UNIT_HINTS[spec.unit] ?? 'bilangan bulat'}.`));
    if (source.trim() === '') return setError(new BridgeError('INVALID_INPUT', 'Sumber wajib diisi: sebutkan peraturan atau surat BPJS yang menjadi dasar tarif.'));
    await send(async () => {
      await bridge.call('rates.save', { key: key as RateParamKey, effectiveMonth: month, value: parsed, source: source.trim(), confidence, note: note.trim() || null });
      onSaved(`${spec.label}: ${formatRateValue(spec.unit, parsed)} berlaku sejak ${formatMonthId(month)} tersimpan`);
    });
  };

  return (
    <Dialog title="Tambah tarif berlaku" onClose={onClose} onSubmit={() => void submit()} submitLabel="Simpan tarif" busy={busy} wide>
      <div className="stack">
        <div className="form-grid">
          <FormField label="Tarif" wide>
            <select value={key} onChange={(e) => { setKey(e.target.value); const s = rates.specs.find((x) => x.key === e.target.value)!; const c = rowInForce(rates.params, s.key, rates.currentMonth); setValue(c ? rateValueText(s.unit, c.value) : ''); }}>
              {rates.specs.map((s) => (
                <option key={s.key} value={s.key}>{s.label}</option>
              ))}
            </select>
          </FormField>
          <div className="field">
            <span className="field-label">Berlaku sejak bulan iuran</span>
            <MonthPicker label="Berlaku sejak" value={month} onChange={setMonth} years={yearsAround(`${rates.currentMonth}-01`)} />
          </div>
          <FormField label="Nilai" hint={parsed !== null ? `= ${formatRateValue(spec.unit, parsed)}` : (UNIT_HINTS[spec.unit] ?? '')}>
            <input value={value} onChange={(e) => setValue(e.target.value)} maxLength={20} autoComplete="off" />
          </FormField>
          <FormField label="Sumber (peraturan atau surat)" required wide hint="mis. PP 45/2015 Ps.29; Surat BPJS B/1226/022026">
            <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={300} autoComplete="off" />
          </FormField>
          <FormField label="Tingkat keyakinan">
            <select value={confidence} onChange={(e) => setConfidence(e.target.value as 'H' | 'M' | 'L')}>
              <option value="H">Tinggi (teks peraturan/surat dibaca langsung)</option>
              <option value="M">Sedang (dari sumber kedua)</option>
              <option value="L">Rendah (perkiraan)</option>
            </select>
          </FormField>
          <FormField label="Catatan (tidak wajib)">
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={300} autoComplete="off" />
          </FormField>
        </div>
        <p className="muted small">
          {current ? `Berlaku sekarang: ${formatRateValue(spec.unit, current.value)} sejak ${formatMonthId(current.effectiveMonth)} (${current.source}). ` : ''}
          {existing ? `Sudah ada baris yang berlaku sejak ${formatMonthId(month)}; menyimpan akan mengubah baris itu. ` : ''}
          Tagihan yang sudah terbit tidak berubah; draf bulan {formatMonthId(month)} dan sesudahnya perlu dihitung ulang.
        </p>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
