import { useCallback, useState, type FormEvent } from 'react';
import { guessSigningPlace, type EmployerDto, type SigningDto } from '../../../../shared/contract/index';
import { useAppInfo } from '../../app-info';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { ZONES, ZONE_LABELS, ZONE_REGIONS, type OfficeZone } from '../../../../shared/zone';
import '../../styles/settings-signing.css';
import { useCan } from '../../session/session';
import { useSubmit } from '../../hooks/use-run';

/** JKK risk classes with their employer rates (PP 44/2015); government offices are normally class I. */
const JKK_CLASSES = [
  { value: 1, label: 'I — sangat rendah (0,24%)' },
  { value: 2, label: 'II — rendah (0,54%)' },
  { value: 3, label: 'III — sedang (0,89%)' },
  { value: 4, label: 'IV — tinggi (1,27%)' },
  { value: 5, label: 'V — sangat tinggi (1,74%)' },
];

type Signing = { [K in keyof SigningDto]: string };

const signingOf = (s: SigningDto | undefined): Signing => ({
  place: s?.place ?? '', office: s?.office ?? '',
  headName: s?.headName ?? '', headNip: s?.headNip ?? '', headTitle: s?.headTitle ?? '',
  preparerName: s?.preparerName ?? '', preparerNip: s?.preparerNip ?? '', preparerTitle: s?.preparerTitle ?? '',
});

/** A NIP is 18 digits, often written grouped (`19700101 199503 1 002`); blank is allowed. */
function badNip(s: Signing): string | null {
  const labels: [keyof Signing, string][] = [['headNip', 'kepala kantor keuangan'], ['preparerNip', 'pembuat rekapitulasi']];
  for (const [k, who] of labels) {
    const nip = s[k].replace(/\s/g, '');
    if (nip !== '' && !/^\d{18}$/.test(nip)) return `NIP ${who} harus 18 angka (tertulis ${nip.length} karakter).`;
  }
  return null;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function EmployerForm() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('settings.employer', {}), [bridge]));
  return <LoadState load={load}>{(e) => <Form initial={e} />}</LoadState>;
}

function Form({ initial }: { initial: EmployerDto | null }) {
  const bridge = useBridge();
  const app = useAppInfo();
  const canSave = useCan('settings.saveEmployer');
  const [name, setName] = useState(initial?.name ?? '');
  const [npp, setNpp] = useState(initial?.npp ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [jkkClass, setJkkClass] = useState(initial?.jkkClass ?? 1);
  const [zone, setZone] = useState<OfficeZone>(initial?.zone ?? 'WIB');
  const [logo, setLogo] = useState<string | null>(initial?.logo ?? null);
  const [signing, setSigning] = useState<Signing>(signingOf(initial?.signing));
  const sign = (k: keyof Signing) => (e: { target: { value: string } }) => setSigning({ ...signing, [k]: e.target.value });
  const guessedPlace = guessSigningPlace(name);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, submit: send } = useSubmit();

  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    setSaved(false);
    await send(async () => {
      await work();
    });
  };

  const chooseLogo = () =>
    attempt(async () => {
      const dataUrl = await bridge.call('settings.chooseLogo', {});
      if (dataUrl) setLogo(dataUrl);
    });

  const save = (e: FormEvent) => {
    e.preventDefault();
    void attempt(async () => {
      if (name.trim().length < 3) throw new BridgeError('INVALID_INPUT', 'Isi nama Pemda, mis. Pemerintah Kabupaten Lampung Barat.');
      const nip = badNip(signing);
      if (nip) throw new BridgeError('INVALID_INPUT', nip);
      await bridge.call('settings.saveEmployer', {
        name: name.trim(), npp: npp.trim() || null, address: address.trim() || null, jkkClass, logo, zone,
        signing: {
          place: orNull(signing.place), office: orNull(signing.office),
          headName: orNull(signing.headName), headNip: orNull(signing.headNip.replace(/\s/g, '')), headTitle: orNull(signing.headTitle),
          preparerName: orNull(signing.preparerName), preparerNip: orNull(signing.preparerNip.replace(/\s/g, '')), preparerTitle: orNull(signing.preparerTitle),
        },
      });
      setSaved(true);
      app.reload();
    });
  };

  return (
    <form className="card stack" onSubmit={save} noValidate data-state="ready">
      {canSave ? null : <p className="muted">Profil Pemda hanya dapat diubah oleh admin.</p>}
      <fieldset className="plain-fieldset stack" disabled={!canSave}>
      <div className="employer-layout">
        <div className="form-grid">
          <FormField label="Nama Pemda" required hint="Seperti tertulis di kop surat, mis. Pemerintah Kabupaten Lampung Barat" wide>
            <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
          </FormField>
          <FormField label="NPP" hint="Nomor Pendaftaran Perusahaan di BPJS Ketenagakerjaan">
            <input value={npp} onChange={(e) => setNpp(e.target.value)} maxLength={20} className="tabular" />
          </FormField>
          <FormField label="Kelas risiko JKK" hint="Ditetapkan BPJS untuk NPP ini">
            <select value={jkkClass} onChange={(e) => setJkkClass(Number(e.target.value))}>
              {JKK_CLASSES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Zona waktu" hint={`${ZONE_REGIONS[zone]}. Waktu jejak audit, tanggal hari ini dan tanggal cetak mengikuti zona ini.`}>
            <select value={zone} onChange={(e) => setZone(e.target.value as OfficeZone)}>
              {ZONES.map((z) => (
                <option key={z} value={z}>
                  {ZONE_LABELS[z]}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label="Alamat" wide>
            <textarea value={address} onChange={(e) => setAddress(e.target.value)} maxLength={300} rows={2} />
          </FormField>
        </div>
        <div className="logo-box">
          <span className="field-label">Logo untuk kop surat</span>
          <div className="logo-preview">{logo ? <img src={logo} alt="Logo Pemda" /> : <span className="muted small">Belum ada logo</span>}</div>
          <div className="logo-actions">
            <button type="button" className="button" onClick={chooseLogo} disabled={busy}>
              Pilih gambar…
            </button>
            {logo ? (
              <button type="button" className="link-button" onClick={() => setLogo(null)}>
                Hapus
              </button>
            ) : null}
          </div>
          <small className="hint">PNG atau JPEG, paling besar 700 KB.</small>
        </div>
      </div>
      <fieldset className="form-grid form-grid-3 signing-fields">
        <legend>Penandatanganan dokumen</legend>
        <p className="hint signing-intro">
          Untuk rekapitulasi iuran bulanan dan surat tunggakan yang diterbitkan kantor keuangan daerah. Nama atau NIP yang dikosongkan dicetak
          sebagai titik-titik untuk diisi tangan.
        </p>
        <FormField label="Tempat penandatanganan" hint={guessedPlace ? `Kota di atas tanda tangan, mis. Liwa. Bila kosong: ${guessedPlace}` : 'Kota di atas tanda tangan, mis. Liwa'}>
          <input value={signing.place} onChange={sign('place')} maxLength={60} placeholder={guessedPlace ?? ''} />
        </FormField>
        <FormField label="Kantor keuangan penagih" hint="Dicetak di kop, mis. Badan Pengelolaan Keuangan dan Aset Daerah" wide>
          <input value={signing.office} onChange={sign('office')} maxLength={200} />
        </FormField>
        <FormField label="Kepala kantor keuangan">
          <input value={signing.headName} onChange={sign('headName')} maxLength={150} />
        </FormField>
        <FormField label="NIP kepala" hint="18 angka, boleh dengan spasi">
          <input value={signing.headNip} onChange={sign('headNip')} inputMode="numeric" maxLength={21} className="tabular" />
        </FormField>
        <FormField label="Sebutan jabatan kepala" hint="mis. Kepala BPKAD">
          <input value={signing.headTitle} onChange={sign('headTitle')} maxLength={150} />
        </FormField>
        <FormField label="Pembuat rekapitulasi" hint="Bendahara atau pengelola iuran">
          <input value={signing.preparerName} onChange={sign('preparerName')} maxLength={150} />
        </FormField>
        <FormField label="NIP pembuat rekapitulasi" hint="18 angka, boleh dengan spasi">
          <input value={signing.preparerNip} onChange={sign('preparerNip')} inputMode="numeric" maxLength={21} className="tabular" />
        </FormField>
        <FormField label="Jabatan pembuat rekapitulasi" hint="mis. Bendahara Pengeluaran BPKAD">
          <input value={signing.preparerTitle} onChange={sign('preparerTitle')} maxLength={150} />
        </FormField>
      </fieldset>
      </fieldset>
      <ErrorNote error={error} />
      {saved ? <Notice tone="success" title="Profil Pemda tersimpan" /> : null}
      {canSave ? (
        <div className="action-bar action-bar-start">
          <button type="submit" className="button button-primary" disabled={busy}>
            Simpan profil
          </button>
        </div>
      ) : null}
    </form>
  );
}
