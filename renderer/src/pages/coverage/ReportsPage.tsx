import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAppInfo } from '../../app-info';
import { useBridge } from '../../bridge-context';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useLoad } from '../../hooks/use-load';
import { PageHeader } from '../../components/PageHeader';
import { LoadState } from '../../components/LoadState';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { Tabs } from '../../components/Tabs';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatMonthId, formatNumber, formatRupiah } from '../../format';
import { PrintDialog } from '../billing/PrintDialog';
import { ForecastPanel } from './ForecastPanel';
import '../../styles/coverage.css';
import { RevealButton } from '../../components/RevealButton';

type Tab = 'cakupan' | 'tahunan' | 'anggaran';

/** Laporan & anggaran: the coverage report, the year's contributions, and next year's budget. */
export function ReportsPage() {
  const { info } = useAppInfo();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'tahunan' ? 'tahunan' : params.get('tab') === 'anggaran' ? 'anggaran' : 'cakupan';
  const month = /^\d{4}-\d{2}$/.test(params.get('bulan') ?? '') ? params.get('bulan')! : info.today.slice(0, 7);
  const set = (next: { tab?: Tab; month?: string }) => {
    const p = new URLSearchParams();
    p.set('tab', next.tab ?? tab);
    p.set('bulan', next.month ?? month);
    setParams(p, { replace: true });
  };
  return (
    <div className="page">
      <PageHeader title="Laporan & anggaran" subtitle="Laporan cakupan untuk pimpinan daerah, rekap iuran setahun, dan rencana iuran tahun anggaran berikutnya." />
      <Tabs<Tab>
        label="Jenis laporan"
        items={[{ key: 'cakupan', label: 'Laporan cakupan' }, { key: 'tahunan', label: 'Iuran setahun' }, { key: 'anggaran', label: 'Anggaran tahun depan' }]}
        active={tab}
        onChange={(t) => set({ tab: t })}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'cakupan' ? <CoverageReport month={month} today={info.today} onMonth={(m) => set({ month: m })} /> : null}
        {tab === 'tahunan' ? <YearlyReport today={info.today} /> : null}
        {tab === 'anggaran' ? <ForecastPanel today={info.today} /> : null}
      </div>
    </div>
  );
}

function CoverageReport({ month, today, onMonth }: { month: string; today: string; onMonth: (m: string) => void }) {
  const bridge = useBridge();
  const [printing, setPrinting] = useState(false);
  const preview = useCallback((paper: 'A4' | 'F4') => bridge.call('coverage.report', { month, paper }), [bridge, month]);
  const save = useCallback((paper: 'A4' | 'F4') => bridge.call('coverage.reportPdf', { month, paper }), [bridge, month]);
  return (
    <section className="card stack" data-state="ready">
      <h2>Laporan cakupan satu halaman</h2>
      <p className="muted">Untuk Bupati/Wali Kota dan Sekretaris Daerah: jumlah pegawai non-ASN pada SK dan yang terdaftar, cakupan per unit, iuran 12 bulan, dan tunggakan per umur.</p>
      <div className="form-row">
        <div className="inline-field">
          <span aria-hidden="true">Bulan</span>
          <MonthPicker label="Bulan laporan" value={month} onChange={onMonth} years={yearsAround(today)} />
        </div>
        <button type="button" className="button button-primary" onClick={() => setPrinting(true)}>Pratinjau dan simpan PDF…</button>
      </div>
      {printing ? <PrintDialog title={`Laporan cakupan ${formatMonthId(month)}`} preview={preview} save={save} onClose={() => setPrinting(false)} /> : null}
    </section>
  );
}

function YearlyReport({ today }: { today: string }) {
  const bridge = useBridge();
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [printing, setPrinting] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [savedFile, setSavedFile] = useState<unknown>(null);
  const load = useLoad(useCallback(() => bridge.call('coverage.yearly', { year }), [bridge, year]));
  const preview = useCallback((paper: 'A4' | 'F4') => bridge.call('coverage.yearlyDoc', { year, paper }), [bridge, year]);
  const save = useCallback((paper: 'A4' | 'F4') => bridge.call('coverage.yearlyPdf', { year, paper }), [bridge, year]);
  const excel = async () => {
    setError(null);
    setSaved(null);
    try {
      const r = await bridge.call('coverage.yearlyXlsx', { year });
      if (r) setSaved(r.path);
      setSavedFile(r);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  return (
    <section className="card stack">
      <div className="form-row">
        <label className="filter">
          <span>Tahun</span>
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear - 2, thisYear - 1, thisYear].map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <button type="button" className="button" onClick={() => setPrinting(true)}>Pratinjau dan simpan PDF…</button>
        <button type="button" className="button" onClick={() => void excel()}>Simpan Excel…</button>
      </div>
      {saved ? <Notice tone="success" title="Excel tersimpan"><span data-testid="xlsx-saved">{saved}</span><RevealButton saved={savedFile} /></Notice> : null}
      <ErrorNote error={error} />
      <LoadState load={load}>
        {(r) =>
          r.units.length === 0 ? (
            <p className="muted" data-state="empty">Belum ada tagihan terbit pada tahun {year}.</p>
          ) : (
            <table className="simple-table" data-state="ready">
              <thead>
                <tr><th>Unit</th><th className="num">Orang-bulan</th><th className="num">JKK</th><th className="num">JKM</th><th className="num">JHT</th><th className="num">JP</th><th className="num">Jumlah</th><th className="num">Dibayar</th></tr>
              </thead>
              <tbody>
                {r.units.map((u) => (
                  <tr key={u.opdId}>
                    <td>{u.name}</td><td className="num">{formatNumber(u.personMonths)}</td><td className="num">{formatRupiah(u.jkk)}</td><td className="num">{formatRupiah(u.jkm)}</td>
                    <td className="num">{formatRupiah(u.jhtEmployer + u.jhtWorker)}</td><td className="num">{formatRupiah(u.jpEmployer + u.jpWorker)}</td><td className="num">{formatRupiah(u.total)}</td><td className="num">{formatRupiah(u.paid)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="row-total"><td>Jumlah</td><td className="num">{formatNumber(r.totals.personMonths)}</td><td className="num">{formatRupiah(r.totals.jkk)}</td><td className="num">{formatRupiah(r.totals.jkm)}</td><td className="num">{formatRupiah(r.totals.jhtEmployer + r.totals.jhtWorker)}</td><td className="num">{formatRupiah(r.totals.jpEmployer + r.totals.jpWorker)}</td><td className="num">{formatRupiah(r.totals.total)}</td><td className="num">{formatRupiah(r.totals.paid)}</td></tr>
              </tfoot>
            </table>
          )
        }
      </LoadState>
      {printing ? <PrintDialog title={`Iuran tahun ${year} per unit dan program`} preview={preview} save={save} onClose={() => setPrinting(false)} /> : null}
    </section>
  );
}
