import { useCallback, useState } from 'react';
import { useBridge } from '../../bridge-context';
import { asBridgeError, BridgeError } from '../../bridge';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatMonthId, formatNumber, formatRupiah } from '../../format';
import type { ForecastDto, ForecastInput } from '../../../../shared/contract/coverage-calls';
import { PrintDialog } from '../billing/PrintDialog';
import { RevealButton } from '../../components/RevealButton';
import { useSubmit } from '../../hooks/use-run';

const num = (s: string, label: string, min: number, max: number): number => {
  const n = Number(s.replace(',', '.').replace('%', '').trim() || '0');
  if (!Number.isFinite(n) || n < min || n > max) throw new BridgeError('INVALID_INPUT', `${label} harus angka antara ${min} dan ${max}.`);
  return n;
};

/** Next year's dues per unit and budget account, with the assumptions the finance office sets. */
export function ForecastPanel({ today }: { today: string }) {
  const bridge = useBridge();
  const [year, setYear] = useState(String(Number(today.slice(0, 4)) + 1));
  const [growth, setGrowth] = useState('');
  const [headroom, setHeadroom] = useState('0');
  const [newStaff, setNewStaff] = useState('0');
  const [renew, setRenew] = useState(true);
  const [result, setResult] = useState<ForecastDto | null>(null);
  const [input, setInput] = useState<ForecastInput | null>(null);
  const { busy, error, setError, submit: send } = useSubmit();
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [savedFile, setSavedFile] = useState<unknown>(null);

  const read = (): ForecastInput => ({
    year: num(year, 'Tahun anggaran', 2000, 2100), ...(growth.trim() === '' ? {} : { jpCapGrowthPct: num(growth, 'Kenaikan batas upah JP', -20, 50) }),
    headroomPct: num(headroom, 'Cadangan per unit (%)', 0, 100), headroomPersons: Math.round(num(newStaff, 'Tambahan pegawai', 0, 1_000_000)), renewAnnual: renew,
  });
  const run = async () => {
    setError(null);
    setSaved(null);
    await send(async () => {
      const i = read();
      setResult(await bridge.call('forecast.run', i));
      setInput(i);
    });
  };
  const excel = async () => {
    if (!input) return;
    setError(null);
    try {
      const r = await bridge.call('forecast.xlsx', input);
      if (r) setSaved(r.path);
      setSavedFile(r);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  const preview = useCallback((paper: 'A4' | 'F4') => bridge.call('forecast.doc', { ...input!, paper }), [bridge, input]);
  const save = useCallback((paper: 'A4' | 'F4') => bridge.call('forecast.pdf', { ...input!, paper }), [bridge, input]);

  return (
    <section className="card stack">
      <form className="form-row" onSubmit={(e) => { e.preventDefault(); void run(); }}>
        <FormField label="Tahun anggaran"><input value={year} onChange={(e) => setYear(e.target.value)} inputMode="numeric" maxLength={4} /></FormField>
        <FormField label="Kenaikan batas upah JP Maret (%)"><input placeholder="sesuai Pengaturan" value={growth} onChange={(e) => setGrowth(e.target.value)} inputMode="decimal" maxLength={6} /></FormField>
        <FormField label="Cadangan per unit (%)"><input value={headroom} onChange={(e) => setHeadroom(e.target.value)} inputMode="decimal" maxLength={6} /></FormField>
        <FormField label="Tambahan pegawai baru (orang)"><input value={newStaff} onChange={(e) => setNewStaff(e.target.value)} inputMode="numeric" maxLength={7} /></FormField>
        <label className="checkbox"><input type="checkbox" checked={renew} onChange={(e) => setRenew(e.target.checked)} /> SK tahunan diperpanjang</label>
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Menghitung…' : 'Hitung'}</button>
      </form>
      <ErrorNote error={error} />
      {saved ? <Notice tone="success" title="Excel tersimpan"><span data-testid="xlsx-saved">{saved}</span><RevealButton saved={savedFile} /></Notice> : null}
      {result ? (
        <div className="stack" data-state="ready">
          <div className="stat-row stat-row-compact">
            <div className="stat stat-small"><span className="stat-value" data-testid="forecast-total">{formatRupiah(result.total)}</span><span className="stat-label">Kebutuhan APBD {result.year}</span></div>
            <div className="stat stat-small"><span className="stat-value">{formatNumber(result.persons)}</span><span className="stat-label">Orang ({formatNumber(result.personMonths)} orang-bulan)</span></div>
            <div className="stat stat-small"><span className="stat-value" data-testid="forecast-new-staff">{formatRupiah(result.units.filter((u) => u.kind === 'reserve').reduce((a, u) => a + u.total, 0))}</span><span className="stat-label">Cadangan pegawai baru ({formatNumber(result.headroomPersons)} orang)</span></div>
            {result.headroom > 0 ? <div className="stat stat-small"><span className="stat-value" data-testid="forecast-unit-reserve">{formatRupiah(result.headroom)}</span><span className="stat-label">Cadangan per unit ({formatNumber(result.headroomPct)}%)</span></div> : null}
            <div className="stat stat-small"><span className="stat-value">{formatRupiah(result.workerShare)}</span><span className="stat-label">Bagian pekerja (potong honor)</span></div>
          </div>
          <p className="small muted">
            Batas upah JP: {result.jpCaps.map((c) => `${formatMonthId(c.month)} ${formatRupiah(c.cap)}${c.assumed ? ' (perkiraan)' : ''}`).join('; ') || 'tidak dipakai'}.
            {' '}Program: JKK {formatRupiah(result.programs.JKK)} · JKM {formatRupiah(result.programs.JKM)} · JHT {formatRupiah(result.programs.JHT)} · JP {formatRupiah(result.programs.JP)}.
          </p>
          <div className="action-bar action-bar-start">
            <button type="button" className="button" onClick={() => void excel()}>Simpan Excel (format RKA)…</button>
            <button type="button" className="button" onClick={() => setPrinting(true)}>Pratinjau dan simpan PDF…</button>
          </div>
          <table className="simple-table">
            <thead>
              <tr><th>Kode rekening</th><th>Unit</th><th className="num">Orang</th><th className="num">Orang-bulan</th><th className="num">JKK</th><th className="num">JKM</th><th className="num">JHT + JP</th><th className="num">Cadangan</th><th className="num">Jumlah</th></tr>
            </thead>
            <tbody>
              {result.units.map((u) => {
                const by = (p: string) => u.lines.filter((l) => l.program === p).reduce((s, l) => s + l.amount, 0);
                return (
                  <tr key={u.code}>
                    <td className="nowrap small">{u.budgetAccount ?? '—'}</td><td>{u.name}</td><td className="num">{formatNumber(u.persons)}</td><td className="num">{formatNumber(u.personMonths)}</td>
                    <td className="num">{formatRupiah(by('JKK'))}</td><td className="num">{formatRupiah(by('JKM'))}</td><td className="num">{formatRupiah(by('JHT') + by('JP'))}</td><td className="num">{formatRupiah(u.headroom)}</td><td className="num">{formatRupiah(u.total)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr className="row-total"><td /><td>Jumlah</td><td className="num">{formatNumber(result.persons)}</td><td className="num">{formatNumber(result.personMonths)}</td><td className="num">{formatRupiah(result.programs.JKK)}</td><td className="num">{formatRupiah(result.programs.JKM)}</td><td className="num">{formatRupiah(result.programs.JHT + result.programs.JP)}</td><td className="num">{formatRupiah(result.headroom)}</td><td className="num">{formatRupiah(result.total)}</td></tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p className="muted">Atur asumsi lalu tekan Hitung. Perhitungan memakai daftar pegawai sekarang (dan SK tahun depan bila sudah diimpor), tarif yang berlaku, dan masa kerja sesuai tanggal akhir penugasan.</p>
      )}
      {printing && input ? <PrintDialog title={`Rencana iuran TA ${input.year}`} preview={preview} save={save} onClose={() => setPrinting(false)} /> : null}
    </section>
  );
}
