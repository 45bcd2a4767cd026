import { useCallback, useState } from 'react';
import { useBridge } from '../../bridge-context';
import { asBridgeError, BridgeError } from '../../bridge';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { useCan } from '../../session/session';
import type { CoverageSettingsDto } from '../../../../shared/contract/coverage-calls';

type Field = keyof CoverageSettingsDto;
const FIELDS: { key: Field; label: string; hint: string; optional: boolean }[] = [
  { key: 'villageQuota', label: 'Kuota pekerja rentan per desa', hint: 'Paling sedikit N orang per desa/pekon (contoh Lampung Barat: 10)', optional: false },
  { key: 'incidentDeadlineDays', label: 'Batas lapor kejadian (hari kerja)', hint: 'Sabtu dan Minggu tidak dihitung; bawaan 2', optional: false },
  { key: 'jpCapGrowthPct', label: 'Asumsi kenaikan batas upah JP (%)', hint: 'Dipakai rencana anggaran bila batas Maret belum diisi di Tarif', optional: false },
  { key: 'semestaYear', label: 'Tahun data semesta pekerja', hint: 'Boleh kosong', optional: true },
  { key: 'semestaPekerja', label: 'Semesta pekerja (penduduk bekerja)', hint: 'Dari BPS atau Disnaker; boleh kosong', optional: true },
  { key: 'regionCoveredPu', label: 'Peserta PU di wilayah', hint: 'Dari cabang BPJS; boleh kosong', optional: true },
  { key: 'regionCoveredBpu', label: 'Peserta BPU di wilayah', hint: 'Dari cabang BPJS; boleh kosong', optional: true },
];

/** Pengaturan > Cakupan: the village quota, Paritrana figures, the incident deadline, the JP growth. */
export function CoverageSettings() {
  const bridge = useBridge();
  const canSave = useCan('coverage.saveSettings');
  const load = useLoad(useCallback(() => bridge.call('coverage.settings', {}), [bridge]));
  return <LoadState load={load}>{(s) => <Form key={JSON.stringify(s)} initial={s} onSaved={load.reload} canSave={canSave} />}</LoadState>;
}

function Form({ initial, onSaved, canSave }: { initial: CoverageSettingsDto; onSaved: () => void; canSave: boolean }) {
  const bridge = useBridge();
  const text = (s: CoverageSettingsDto) => Object.fromEntries(FIELDS.map((f) => [f.key, s[f.key] === null ? '' : String(s[f.key]).replace('.', ',')])) as Record<Field, string>;
  const [values, setValues] = useState(text(initial));
  const [error, setError] = useState<BridgeError | null>(null);
  const [done, setDone] = useState(false);
  const save = async () => {
    setError(null);
    setDone(false);
    try {
      const patch: Record<string, number | null> = {};
      for (const f of FIELDS) {
        const typed = values[f.key].trim();
        // Counts may be written with thousands dots (92.913); the percentage may have a decimal comma.
        const raw = f.key === 'jpCapGrowthPct' ? typed.replace(',', '.') : typed.replace(/[.\s]/g, '');
        if (raw === '') {
          if (!f.optional) throw new BridgeError('INVALID_INPUT', `${f.label} wajib diisi.`);
          patch[f.key] = null;
          continue;
        }
        const n = Number(raw);
        if (!Number.isFinite(n)) throw new BridgeError('INVALID_INPUT', `${f.label} harus angka.`);
        patch[f.key] = n;
      }
      await bridge.call('coverage.saveSettings', patch);
      setDone(true);
      onSaved();
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  return (
    <form className="card stack" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <h2>Cakupan, kejadian dan anggaran</h2>
      <div className="form-grid">
        {FIELDS.map((f) => (
          <FormField key={f.key} label={f.label} hint={f.hint}>
            <input value={values[f.key]} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })} inputMode="decimal" maxLength={12} disabled={!canSave} />
          </FormField>
        ))}
      </div>
      {done ? <Notice tone="success" title="Tersimpan">Pengaturan cakupan disimpan.</Notice> : null}
      <ErrorNote error={error} />
      {canSave ? <div className="action-bar action-bar-start"><button type="submit" className="button button-primary">Simpan</button></div> : <p className="muted small">Hanya administrator yang dapat mengubah pengaturan ini.</p>}
    </form>
  );
}
