import type { Output } from '../../../../shared/contract/index';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import type { DecreeForm } from './decree-form';

type Options = Output<'roster.options'>;

/** The decree's number, dates, category and mode, with what happens when a box is left blank. */
export function DecreeFields({ form, onChange, options }: { form: DecreeForm; onChange: (f: DecreeForm) => void; options: Options }) {
  const set = (k: keyof DecreeForm) => (e: { target: { value: string } }) => onChange({ ...form, [k]: e.target.value });
  const setDate = (k: 'date' | 'tmt' | 'tmtEnd') => (text: string) => onChange({ ...form, [k]: text });
  return (
    <div className="stack">
      <div className="form-grid">
        <FormField label="Nomor SK" hint="Kosongkan untuk membaca dari baris judul lampiran">
          <input value={form.number} onChange={set('number')} maxLength={120} className="tabular" placeholder="mis. 800/001/KPTS/I.01/2026" />
        </FormField>
        <FormField label="Tanggal SK" hint="Kosongkan untuk membaca dari judul">
          <DateInput value={form.date} onChange={setDate('date')} />
        </FormField>
        <FormField label="TMT (terhitung mulai tanggal)" hint="Kosongkan: TMT di judul, atau tanggal SK">
          <DateInput value={form.tmt} onChange={setDate('tmt')} />
        </FormField>
        <FormField label="Berlaku sampai" hint="Kosongkan: 31 Desember tahun TMT">
          <DateInput value={form.tmtEnd} onChange={setDate('tmtEnd')} />
        </FormField>
        <FormField label="Kategori pegawai">
          <select value={form.categoryId} onChange={set('categoryId')}>
            {options.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="OPD bawaan" hint="Untuk baris yang tidak menyebut unit kerjanya">
          <select value={form.defaultUnit} onChange={set('defaultUnit')}>
            <option value="">— tidak ada —</option>
            {options.opds.map((o) => (
              <option key={o.id} value={o.name}>
                {o.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <fieldset className="choice-group">
        <legend>Jenis SK</legend>
        <label className={form.mode === 'replace' ? 'choice choice-on' : 'choice'}>
          <input type="radio" name="mode" value="replace" checked={form.mode === 'replace'} onChange={() => onChange({ ...form, mode: 'replace' })} />
          <span>
            <strong>Ganti seluruh</strong>
            <small>SK ini memuat seluruh pegawai kategorinya. Yang tidak tercantum diakhiri sehari sebelum TMT.</small>
          </span>
        </label>
        <label className={form.mode === 'amend' ? 'choice choice-on' : 'choice'}>
          <input type="radio" name="mode" value="amend" checked={form.mode === 'amend'} onChange={() => onChange({ ...form, mode: 'amend' })} />
          <span>
            <strong>Perubahan</strong>
            <small>SK perubahan: hanya menambah atau mengubah pegawai yang tercantum; yang lain tetap.</small>
          </span>
        </label>
      </fieldset>
    </div>
  );
}
