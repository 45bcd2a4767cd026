import { useState } from 'react';
import type { Output } from '../../../../shared/contract/index';
import { parseRupiahText } from '../../../../shared/money';
import { CONTACT_LABELS } from '../../../../shared/person-contact';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { toDateText } from '../../date-text';
import { ErrorNote } from '../../components/Notice';
import { formatRupiah } from '../../format';
import { emptyPerson, engagementInput, personInput, type EngagementFormValues, type PersonFormValues } from './person-form';
import { useSubmit } from '../../hooks/use-run';

type Options = Output<'roster.options'>;

type Props =
  | { mode: 'create'; options: Options; today: string; onClose: () => void; onSaved: (personId: number) => void }
  | { mode: 'edit'; personId: number; initial: PersonFormValues; onClose: () => void; onSaved: (personId: number) => void };

/**
 * Adds a person with their first engagement, or edits a person's identity. The core applies the same
 * rules as the SK importer (NIK, duplicates) and its message is shown above the buttons.
 */
export function PersonDialog(props: Props) {
  const bridge = useBridge();
  const [person, setPerson] = useState<PersonFormValues>(props.mode === 'edit' ? props.initial : emptyPerson);
  const [eng, setEng] = useState<EngagementFormValues>({ opdId: '', categoryId: '', position: '', honor: '', startDate: props.mode === 'create' ? toDateText(props.today) : '', endDate: '' });
  const { busy, error, submit } = useSubmit();

  const set = (k: keyof PersonFormValues) => (e: { target: { value: string } }) => setPerson({ ...person, [k]: e.target.value });
  const setE = (k: keyof EngagementFormValues) => (e: { target: { value: string } }) => setEng({ ...eng, [k]: e.target.value });
  const setDate = (k: 'startDate' | 'endDate') => (text: string) => setEng({ ...eng, [k]: text });

  const save = async () => {
    await submit(async () => {
      if (props.mode === 'edit') {
        await bridge.call('person.update', { personId: props.personId, person: personInput(person) });
        props.onSaved(props.personId);
      } else {
        const res = await bridge.call('person.create', { person: personInput(person), engagement: engagementInput(eng) });
        props.onSaved(res.personId);
      }
    });
  };

  const honor = parseRupiahText(eng.honor);
  return (
    <Dialog title={props.mode === 'edit' ? 'Ubah data pribadi' : 'Tambah pegawai'} onClose={props.onClose} onSubmit={save} submitLabel="Simpan" busy={busy} wide>
      <fieldset className="form-grid">
        <legend>Identitas</legend>
        <FormField label="NIK" required hint="16 angka sesuai KTP">
          <input value={person.nik} onChange={set('nik')} inputMode="numeric" maxLength={40} autoComplete="off" className="tabular" />
        </FormField>
        <FormField label="Nama lengkap" required>
          <input value={person.name} onChange={set('name')} maxLength={150} />
        </FormField>
        <FormField label="Tempat lahir">
          <input value={person.birthPlace} onChange={set('birthPlace')} maxLength={100} />
        </FormField>
        <FormField label="Tanggal lahir" hint="Kosongkan untuk memakai tanggal dari NIK">
          <DateInput value={person.birthDate} onChange={(t) => setPerson({ ...person, birthDate: t })} />
        </FormField>
        <FormField label="Jenis kelamin">
          <select value={person.sex} onChange={set('sex')}>
            <option value="">Menurut NIK</option>
            <option value="L">Laki-laki</option>
            <option value="P">Perempuan</option>
          </select>
        </FormField>
        <FormField label="Nomor KPJ" hint="Nomor peserta BPJS, 8–13 angka">
          <input value={person.kpj} onChange={set('kpj')} inputMode="numeric" maxLength={20} className="tabular" />
        </FormField>
        <FormField label="Nama ibu kandung">
          <input value={person.motherName} onChange={set('motherName')} maxLength={150} />
        </FormField>
        <FormField label="Telepon/HP">
          <input value={person.phone} onChange={set('phone')} inputMode="tel" maxLength={30} />
        </FormField>
        <FormField label="Alamat" wide>
          <input value={person.address} onChange={set('address')} maxLength={300} />
        </FormField>
        <FormField label={CONTACT_LABELS.postalCode} hint="5 angka">
          <input value={person.postalCode} onChange={set('postalCode')} inputMode="numeric" maxLength={20} className="tabular" />
        </FormField>
        <FormField label={CONTACT_LABELS.email}>
          <input value={person.email} onChange={set('email')} type="email" maxLength={200} autoComplete="off" />
        </FormField>
        <FormField label={CONTACT_LABELS.maritalStatus}>
          <select value={person.maritalStatus} onChange={set('maritalStatus')}>
            <option value="">Belum diisi</option>
            <option value="Y">Kawin (Y)</option>
            <option value="T">Tidak kawin (T)</option>
          </select>
        </FormField>
        <FormField label={CONTACT_LABELS.workLocation} hint="Kode dari daftar templat kantor cabang">
          <input value={person.workLocation} onChange={set('workLocation')} maxLength={100} />
        </FormField>
      </fieldset>
      {props.mode === 'create' ? (
        <fieldset className="form-grid">
          <legend>Penugasan</legend>
          <FormField label="OPD / pekon" required>
            <select value={eng.opdId} onChange={setE('opdId')}>
              <option value="">Pilih…</option>
              {props.options.opds.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Kategori" required>
            <select value={eng.categoryId} onChange={setE('categoryId')}>
              <option value="">Pilih…</option>
              {props.options.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.segment})
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Jabatan/tugas">
            <input value={eng.position} onChange={setE('position')} maxLength={150} />
          </FormField>
          <FormField label="Honor per bulan" hint={honor ? formatRupiah(honor) : 'Mis. 1.500.000'}>
            <input value={eng.honor} onChange={setE('honor')} inputMode="numeric" maxLength={20} />
          </FormField>
          <FormField label="Mulai bertugas (TMT)" required>
            <DateInput value={eng.startDate} onChange={setDate('startDate')} />
          </FormField>
          <FormField label="Berakhir" hint="Kosongkan bila belum ditentukan">
            <DateInput value={eng.endDate} onChange={setDate('endDate')} />
          </FormField>
        </fieldset>
      ) : null}
      <ErrorNote error={error} />
    </Dialog>
  );
}
