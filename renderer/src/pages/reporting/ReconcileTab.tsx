import { useState } from 'react';
import type { ReconcileDto, ReconPersonDto } from '../../../../shared/contract/reporting-calls';
import { asBridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useAppInfo } from '../../app-info';
import { ErrorNote, Notice } from '../../components/Notice';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { formatMonthId, formatNumber, formatRupiah } from '../../format';
import { CutNote, Pager, PersonLink, pageOf } from './parts';
import { ProblemTable, Stat } from './KpjImportTab';
import { useRun } from '../../hooks/use-run';

const PAGE = 50;

/** Rekonsiliasi: the branch's bill of a month against Sigap's issued invoices, person by person. */
export function ReconcileTab() {
  const bridge = useBridge();
  const { info } = useAppInfo();
  const [month, setMonth] = useState(info.today.slice(0, 7));
  const [report, setReport] = useState<ReconcileDto | null>(null);
  const { busy: reading, error, setError, run: track } = useRun<'read'>();
  const busy = reading !== null;

  // Busy only once a file is chosen: the button does not say "Membaca…" while the file dialog is open.
  const run = async () => {
    setError(null);
    const f = await bridge.call('bpjs.chooseFile', { purpose: 'bill' }).catch((e: unknown) => {
      setError(asBridgeError(e));
      return null;
    });
    if (!f) return;
    await track('read', async () => {
      try {
        setReport(await bridge.call('bpjs.reconcile', { token: f.token, month }));
      } catch (e) {
        setReport(null);
        throw e;
      }
    });
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="muted">
          Cocokkan rincian tagihan iuran dari kantor cabang dengan tagihan Sigap yang sudah terbit untuk bulan yang sama: siapa yang hanya ditagih
          satu pihak, dan selisih per orang dan per program.
        </p>
        <span className="toolbar-spacer" />
        <div className="field">
          <span className="field-label">Bulan iuran</span>
          <MonthPicker value={month} onChange={(m) => { setMonth(m); setReport(null); }} label="Bulan iuran" years={yearsAround(info.today)} />
        </div>
        <button type="button" className="button button-primary" onClick={run} disabled={busy}>
          {busy ? 'Membaca…' : 'Pilih rincian tagihan…'}
        </button>
      </div>
      <ErrorNote error={error} />
      {report ? <Report r={report} /> : null}
    </div>
  );
}

function Report({ r }: { r: ReconcileDto }) {
  const clean = r.counts.onlyBranch + r.counts.onlySigap + r.counts.differences === 0;
  return (
    <section className="stack" aria-label="Hasil rekonsiliasi" data-testid="reconcile-report">
      <h2 className="rp-h2">{r.file} · {formatMonthId(r.month)}</h2>
      {r.segment ? (
        <p className="muted small" data-testid="reconcile-scope">
          Dibandingkan dengan tagihan Sigap {r.segment === 'PU' ? 'penerima upah (PU)' : 'bukan penerima upah (BPU)'}{r.npp ? ` untuk NPP ${r.npp}` : ''}
          {r.excluded && r.excluded.otherSegment + r.excluded.otherNpp > 0
            ? `; ${[r.excluded.otherSegment > 0 ? `${formatNumber(r.excluded.otherSegment)} orang ${r.segment === 'PU' ? 'BPU' : 'PU'}` : '', r.excluded.otherNpp > 0 ? `${formatNumber(r.excluded.otherNpp)} orang NPP lain` : ''].filter(Boolean).join(' dan ')} ada di tagihan lain dan tidak dibandingkan.`
            : '.'}
        </p>
      ) : null}
      {r.invoices === 0 ? (
        <Notice tone="warning" title="Belum ada tagihan Sigap yang terbit untuk bulan ini">
          Semua yang ditagih kantor cabang tampil sebagai “hanya di kantor cabang”. Terbitkan tagihan bulan ini di menu Iuran lebih dulu.
        </Notice>
      ) : null}
      {clean ? <Notice tone="success" title="Tagihan cocok">Setiap orang dan setiap program sama persis.</Notice> : null}
      <div className="stat-row stat-row-compact">
        <Stat value={r.persons.branch} label="Orang di tagihan cabang" tone="ok" />
        <Stat value={r.persons.sigap} label="Orang di tagihan Sigap" tone="ok" />
        <Stat value={r.persons.equal} label="Sama persis" tone="ok" />
        <Stat value={r.counts.onlyBranch} label="Hanya di kantor cabang" tone={r.counts.onlyBranch ? 'danger' : 'ok'} />
        <Stat value={r.counts.onlySigap} label="Hanya di Sigap" tone={r.counts.onlySigap ? 'danger' : 'ok'} />
        <Stat value={r.counts.differences} label="Jumlah berbeda" tone={r.counts.differences ? 'warning' : 'ok'} />
      </div>
      <Totals r={r} />
      <Differences r={r} />
      <People title="Hanya ditagih kantor cabang" list={r.onlyBranch} total={r.counts.onlyBranch} programs={r.programs} testId="only-branch" />
      <People title="Hanya ditagih Sigap" list={r.onlySigap} total={r.counts.onlySigap} programs={r.programs} testId="only-sigap" />
      <ProblemTable title="Catatan pembacaan berkas" list={r.warnings} testId="reconcile-warnings" />
    </section>
  );
}

function Totals({ r }: { r: ReconcileDto }) {
  const rows = [['Kantor cabang', r.totals.branch], ['Sigap', r.totals.sigap], ['Selisih (cabang − Sigap)', r.totals.difference]] as const;
  return (
    <table className="simple-table rp-totals" data-testid="reconcile-totals">
      <thead><tr><th>Total</th>{r.programs.map((p) => <th key={p} className="num">{p}</th>)}<th className="num">Jumlah</th></tr></thead>
      <tbody>
        {rows.map(([label, t], i) => (
          <tr key={label} className={i === 2 ? 'strong' : undefined}>
            <td>{label}</td>
            {r.programs.map((p) => <td key={p} className={`num${i === 2 && t[p] !== 0 ? ' rp-bad' : ''}`}>{formatRupiah(t[p])}</td>)}
            <td className={`num${i === 2 && t.total !== 0 ? ' rp-bad' : ''}`}>{formatRupiah(t.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Differences({ r }: { r: ReconcileDto }) {
  const [offset, setOffset] = useState(0);
  if (r.differences.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="rp-h3">Jumlah berbeda per orang dan program ({formatNumber(r.counts.differences)})</h3>
      <table className="simple-table" data-testid="differences">
        <thead><tr><th>Nama</th><th>NIK</th><th>OPD</th><th>Program</th><th className="num">Kantor cabang</th><th className="num">Sigap</th><th className="num">Selisih</th><th className="num">Baris</th></tr></thead>
        <tbody>
          {pageOf(r.differences, offset, PAGE).map((d, i) => (
            <tr key={`${d.nik}-${d.program}-${i}`}>
              <td><PersonLink personId={d.personId} name={d.name} /></td>
              <td className="tabular">{d.nik ?? '—'}</td>
              <td>{d.opdCode ?? '—'}</td>
              <td>{d.program}</td>
              <td className="num">{formatRupiah(d.branch)}</td>
              <td className="num">{formatRupiah(d.sigap)}</td>
              <td className="num strong">{formatRupiah(d.difference)}</td>
              <td className="num">{d.rows.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={r.differences.length} onChange={setOffset} label="Halaman selisih" />
      <CutNote shown={r.differences.length} total={r.counts.differences} />
    </div>
  );
}

function People({ title, list, total, programs, testId }: { title: string; list: ReconPersonDto[]; total: number; programs: ReconcileDto['programs']; testId: string }) {
  const [offset, setOffset] = useState(0);
  if (list.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="rp-h3">{title} ({formatNumber(total)})</h3>
      <table className="simple-table" data-testid={testId}>
        <thead><tr><th>Nama</th><th>NIK</th><th>KPJ</th><th>OPD</th>{programs.map((p) => <th key={p} className="num">{p}</th>)}<th className="num">Jumlah</th></tr></thead>
        <tbody>
          {pageOf(list, offset, PAGE).map((p, i) => (
            <tr key={`${p.nik ?? p.kpj}-${i}`}>
              <td><PersonLink personId={p.personId} name={p.name} /></td>
              <td className="tabular">{p.nik ?? '—'}</td>
              <td className="tabular">{p.kpj ?? '—'}</td>
              <td>{p.opdCode ?? '—'}</td>
              {programs.map((g) => <td key={g} className="num">{formatRupiah(p.amounts[g])}</td>)}
              <td className="num strong">{formatRupiah(p.amounts.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={list.length} onChange={setOffset} label={`Halaman ${title}`} />
      <CutNote shown={list.length} total={total} />
    </div>
  );
}
