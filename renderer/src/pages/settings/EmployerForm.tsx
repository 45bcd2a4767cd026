import { useCallback, useState, type FormEvent } from 'react';
import type { EmployerDto } from '../../../../shared/contract/index';
import { useAppInfo } from '../../app-info';
import { asBridgeError, BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';

/** JKK risk classes with their employer rates (PP 44/2015); government offices are normally class I. */
const JKK_CLASSES = [
  { value: 1, label: 'I — sangat rendah (0,24%)' },
  { value: 2, label: 'II — rendah (0,54%)' },
  { value: 3, label: 'III — sedang (0,89%)' },
  { value: 4, label: 'IV — tinggi (1,27%)' },
  { value: 5, label: 'V — sangat tinggi (1,74%)' },
];

export function EmployerForm() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('settings.employer', {}), [bridge]));
  return <LoadState load={load}>{(e) => <Form initial={e} />}</LoadState>;
}

function Form({ initial }: { initial: EmployerDto | null }) {
  const bridge = useBridge();
  const app = useAppInfo();
  const [name, setName] = useState(initial?.name ?? '');
  const [npp, setNpp] = useState(initial?.npp ?? '');
  const [address, setAddress] = useState(initial?.address ?? '');
  const [jkkClass, setJkkClass] = useState(initial?.jkkClass ?? 1);
  const [logo, setLogo] = useState<string | null>(initial?.logo ?? null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const attempt = async (work: () => Promise<void>) => {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setError(asBridgeError(e));
    } finally {
      setBusy(false);
    }
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
      await bridge.call('settings.saveEmployer', { name: name.trim(), npp: npp.trim() || null, address: address.trim() || null, jkkClass, logo });
      setSaved(true);
      app.reload();
    });
  };

  return (
    <form className="card stack" onSubmit={save} noValidate data-state="ready">
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
      <ErrorNote error={error} />
      {saved ? <Notice tone="success" title="Profil Pemda tersimpan" /> : null}
      <div className="action-bar action-bar-start">
        <button type="submit" className="button button-primary" disabled={busy}>
          Simpan profil
        </button>
      </div>
    </form>
  );
}
