import { useState } from 'react';
import type { OpdDto } from '../../../../shared/contract/index';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote } from '../../components/Notice';
import { RegistrationSelect, useRegistrations } from './registration-select';
import { useSubmit } from '../../hooks/use-run';

type Values = {
  code: string; name: string; kind: 'opd' | 'village'; budgetAccount: string; address: string;
  headName: string; headNip: string; headTitle: string; pptkName: string; pptkNip: string; treasurerName: string; treasurerNip: string;
};

const valuesOf = (o: OpdDto | null): Values => ({
  code: o?.code ?? '', name: o?.name ?? '', kind: o?.kind ?? 'opd', budgetAccount: o?.budgetAccount ?? '', address: o?.address ?? '',
  headName: o?.headName ?? '', headNip: o?.headNip ?? '', headTitle: o?.headTitle ?? '', pptkName: o?.pptkName ?? '', pptkNip: o?.pptkNip ?? '',
  treasurerName: o?.treasurerName ?? '', treasurerNip: o?.treasurerNip ?? '',
});

/** A NIP is 18 digits; a blank one is allowed (village officials have none). */
function badNip(v: Values): string | null {
  const labels: [keyof Values, string][] = [['headNip', 'Kepala'], ['pptkNip', 'PPTK'], ['treasurerNip', 'Bendahara']];
  for (const [k, who] of labels) {
    const nip = v[k].replace(/\s/g, '');
    if (nip !== '' && !/^\d{18}$/.test(nip)) return `NIP ${who} harus 18 angka (tertulis ${nip.length} karakter).`;
  }
  return null;
}

export function OpdDialog({ opd, onClose, onSaved }: { opd: OpdDto | null; onClose: () => void; onSaved: (name: string) => void }) {
  const bridge = useBridge();
  const [v, setV] = useState<Values>(valuesOf(opd));
  const regs = useRegistrations();
  const [registrationId, setRegistrationId] = useState<number | null>(opd?.registrationId ?? null);
  const { busy, error, setError, submit } = useSubmit();
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const save = async () => {
    const nip = badNip(v);
    if (nip) return setError(new BridgeError('INVALID_INPUT', nip));
    if (v.code.trim() === '' || v.name.trim().length < 3) return setError(new BridgeError('INVALID_INPUT', 'Isi kode dan nama OPD.'));
    await submit(async () => {
      await bridge.call('opd.save', {
        ...(opd ? { id: opd.id } : {}),
        code: v.code.trim(), name: v.name.trim(), kind: v.kind, budgetAccount: orNull(v.budgetAccount), address: orNull(v.address),
        headName: orNull(v.headName), headNip: orNull(v.headNip.replace(/\s/g, '')), headTitle: orNull(v.headTitle),
        pptkName: orNull(v.pptkName), pptkNip: orNull(v.pptkNip.replace(/\s/g, '')),
        treasurerName: orNull(v.treasurerName), treasurerNip: orNull(v.treasurerNip.replace(/\s/g, '')),
        registrationId,
      });
      onSaved(v.name.trim());
    });
  };

  return (
    <Dialog title={opd ? `Ubah ${opd.name}` : 'Tambah OPD'} onClose={onClose} onSubmit={save} submitLabel="Simpan" busy={busy} wide>
      <fieldset className="form-grid form-grid-3">
        <legend>Unit</legend>
        <FormField label="Kode" required>
          <input value={v.code} onChange={set('code')} maxLength={20} className="tabular" />
        </FormField>
        <FormField label="Jenis">
          <select value={v.kind} onChange={set('kind')}>
            <option value="opd">OPD</option>
            <option value="village">Desa/Pekon</option>
          </select>
        </FormField>
        <FormField label="Kode rekening belanja" hint="Dari DPA, untuk surat tagihan">
          <input value={v.budgetAccount} onChange={set('budgetAccount')} maxLength={60} className="tabular" />
        </FormField>
        <FormField label="Nama" required wide>
          <input value={v.name} onChange={set('name')} maxLength={200} />
        </FormField>
        <FormField label="Alamat" wide>
          <input value={v.address} onChange={set('address')} maxLength={300} />
        </FormField>
        <FormField label="NPP BPJS Ketenagakerjaan" wide hint="Pegawai unit ini ditagih dan dilaporkan dengan NPP ini, apa pun kategorinya. Tambah NPP di Pendaftaran BPJS (NPP).">
          <RegistrationSelect regs={regs.data ?? []} value={registrationId} onChange={setRegistrationId} nullLabel="Tidak ada NPP sendiri (NPP kategori, atau NPP Pemda)" />
        </FormField>
      </fieldset>
      <fieldset className="form-grid form-grid-3">
        <legend>Pejabat penanda tangan</legend>
        <FormField label="Kepala">
          <input value={v.headName} onChange={set('headName')} maxLength={150} />
        </FormField>
        <FormField label="NIP Kepala">
          <input value={v.headNip} onChange={set('headNip')} inputMode="numeric" maxLength={21} className="tabular" />
        </FormField>
        <FormField label="Sebutan jabatan kepala" hint="mis. Kepala Dinas Sosial">
          <input value={v.headTitle} onChange={set('headTitle')} maxLength={150} />
        </FormField>
        <FormField label="PPTK">
          <input value={v.pptkName} onChange={set('pptkName')} maxLength={150} />
        </FormField>
        <FormField label="NIP PPTK">
          <input value={v.pptkNip} onChange={set('pptkNip')} inputMode="numeric" maxLength={21} className="tabular" />
        </FormField>
        <span aria-hidden="true" />
        <FormField label="Bendahara pengeluaran">
          <input value={v.treasurerName} onChange={set('treasurerName')} maxLength={150} />
        </FormField>
        <FormField label="NIP Bendahara">
          <input value={v.treasurerNip} onChange={set('treasurerNip')} inputMode="numeric" maxLength={21} className="tabular" />
        </FormField>
      </fieldset>
      <ErrorNote error={error} />
    </Dialog>
  );
}
