/**
 * Beranda: coverage (people on SK against enrolled people), money (this month's dues, arrears, a
 * twelve-month trend) and the work waiting. Every number is a link to the list behind it: the roster
 * with its filters in the address (`/pegawai?bulan=..&opd=..&kategori=..&kpj=ada|belum`), Iuran,
 * Pelaporan. The roster applies the summary's own rule, so the list shows the same count.
 */
import { Link } from 'react-router';
import type { CoverageSummaryDto } from '../../../../shared/contract/coverage-calls';
import { formatDateId, formatMonthId, formatNumber, formatRupiah } from '../../format';
import { ArrearsChart, CoverageByOpdChart, TrendChart } from './dashboard-charts';
import { ProgramMixBars } from './program-mix';
import '../../styles/coverage.css';
import { formatPercent, formatShare } from '../../../../shared/percent';

const pct = formatShare;

function Stat({ label, value, to, note, tone, testId }: { label: string; value: string; to: string; note?: string; tone?: 'ok' | 'warning' | 'danger'; testId?: string }) {
  return (
    <Link className={`stat stat-link${tone ? ` stat-${tone}` : ''}`} to={to} data-testid={testId}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
      {note ? <span className="stat-note cov-note">{note}</span> : null}
    </Link>
  );
}

export function Dashboard({ s }: { s: CoverageSummaryDto }) {
  const t = s.totals;
  const roster = (extra = '') => `/pegawai?bulan=${s.month}${extra}`;
  const pastDue = s.arrears.pastDue;
  return (
    <div data-state="ready" className="stack cov-dashboard">
      <div className="stat-row cov-stats">
        <Stat testId="stat-active" label={`Pegawai pada SK, ${formatMonthId(s.month)}`} value={formatNumber(t.active)} to={roster()} note={`PU ${formatNumber(s.bySegment.PU.active)} · BPU ${formatNumber(s.bySegment.BPU.active)}`} />
        <Stat testId="stat-enrolled" label="Terdaftar BPJS (ber-KPJ)" value={pct(t.enrolled, t.active)} to={roster('&kpj=ada')} tone={t.notEnrolled === 0 ? 'ok' : undefined} note={`${formatNumber(t.enrolled)} orang`} />
        <Stat testId="stat-not-enrolled" label="Belum terdaftar" value={formatNumber(t.notEnrolled)} to={roster('&kpj=belum')} tone={t.notEnrolled > 0 ? 'warning' : 'ok'} note="perlu didaftarkan ke BPJS" />
        <Stat testId="stat-dues" label={`Iuran ${formatMonthId(s.month)} terbit`} value={formatRupiah(s.money.issued)} to={`/iuran?bulan=${s.month}`} note={`dibayar ${formatRupiah(s.money.paid)}`} />
        <Stat testId="stat-arrears" label="Tunggakan lewat jatuh tempo" value={formatRupiah(pastDue)} to="/iuran?tab=tunggakan" tone={pastDue > 0 ? 'danger' : 'ok'} note={`per ${formatDateId(s.arrears.asOf)}`} />
      </div>

      <div className="cov-grid">
        <section className="card cov-card-wide" aria-labelledby="cov-opd">
          <div className="cov-title-row">
            <h2 id="cov-opd">Cakupan per OPD dan desa</h2>
            <span className="muted small">{s.byOpd.length > 12 ? `12 terbesar dari ${s.byOpd.length} unit · ` : ''}klik batang untuk daftar pegawainya</span>
          </div>
          <CoverageByOpdChart s={s} />
          <details className="cov-details">
            <summary>Tabel semua unit</summary>
            <table className="simple-table">
              <thead>
                <tr><th>Unit</th><th className="num">Pada SK</th><th className="num">Terdaftar</th><th className="num">%</th></tr>
              </thead>
              <tbody>
                {s.byOpd.map((o) => (
                  <tr key={o.opdId}>
                    <td><Link to={roster(`&opd=${o.opdId}`)}>{o.name}</Link></td>
                    <td className="num"><Link to={roster(`&opd=${o.opdId}`)}>{formatNumber(o.active)}</Link></td>
                    <td className="num"><Link to={roster(`&opd=${o.opdId}&kpj=ada`)} aria-label={`${formatNumber(o.enrolled)} terdaftar di ${o.name}`}>{formatNumber(o.enrolled)}</Link></td>
                    <td className="num">{pct(o.enrolled, o.active)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>

        <section className="card" aria-labelledby="cov-programs">
          <h2 id="cov-programs">Program dan kategori</h2>
          <ProgramMixBars s={s} />
          <table className="simple-table cov-compact">
            <thead>
              <tr><th>Kategori</th><th>Program</th><th className="num">Pada SK</th><th className="num">Terdaftar</th></tr>
            </thead>
            <tbody>
              {s.byCategory.map((c) => (
                <tr key={c.categoryId}>
                  <td><Link to={roster(`&kategori=${c.categoryId}`)}>{c.name}</Link> <span className="pill">{c.segment}</span></td>
                  <td className="small">{c.programs.split(',').join(' + ')}{c.billed ? '' : ' (tidak didaftarkan)'}</td>
                  <td className="num"><Link to={roster(`&kategori=${c.categoryId}`)}>{formatNumber(c.active)}</Link></td>
                  <td className="num"><Link to={roster(`&kategori=${c.categoryId}&kpj=ada`)} aria-label={`${formatNumber(c.enrolled)} terdaftar, ${c.name}`}>{formatNumber(c.enrolled)}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted cov-programs-line">
            {s.programs.map((p) => `${p.program} ${formatNumber(p.persons)}`).join(' · ')} orang terdaftar
          </p>
        </section>
      </div>

      <div className="cov-grid">
        <section className="card cov-card-wide" aria-labelledby="cov-trend">
          <div className="cov-title-row">
            <h2 id="cov-trend">Iuran 12 bulan terakhir</h2>
            <Link className="small" to={`/iuran?bulan=${s.month}`}>Buka Iuran →</Link>
          </div>
          <TrendChart s={s} />
        </section>
        <section className="card" aria-labelledby="cov-arrears">
          <div className="cov-title-row">
            <h2 id="cov-arrears">Tunggakan per umur</h2>
            <Link className="small" to="/iuran?tab=tunggakan">{formatRupiah(s.arrears.outstanding)}</Link>
          </div>
          <ArrearsChart s={s} />
          {s.arrears.byOpd.filter((u) => u.pastDue > 0).slice(0, 3).map((u) => (
            <p className="small cov-line" key={u.opdId}>
              <Link to="/iuran?tab=tunggakan">{u.name}</Link> <span className="tabular">{formatRupiah(u.pastDue)}</span>
            </p>
          ))}
        </section>
      </div>

      <div className="cov-grid cov-grid-3">
        <WorkWaiting s={s} />
        <Villages s={s} roster={roster} />
        <Paritrana s={s} />
      </div>
    </div>
  );
}

function WorkWaiting({ s }: { s: CoverageSummaryDto }) {
  const w = s.work;
  const items: { label: string; n: number; to: string }[] = [
    { label: 'Pendaftaran peserta baru (PU)', n: w.pending.new, to: '/pelaporan' },
    { label: 'Pendaftaran pekerja rentan (BPU)', n: w.pending.bpu, to: '/pelaporan' },
    { label: 'Penonaktifan peserta', n: w.pending.na, to: '/pelaporan' },
    { label: 'Perubahan upah', n: w.pending.wage, to: '/pelaporan' },
    { label: 'Menunggu KPJ dari BPJS', n: w.awaitingKpj, to: '/pelaporan' },
    { label: `Tagihan ${formatMonthId(s.month)} masih draf`, n: s.money.draftInvoices, to: `/iuran?bulan=${s.month}` },
    { label: `Unit belum ditagih ${formatMonthId(s.month)}`, n: s.money.unitsNotBilled, to: `/iuran?bulan=${s.month}` },
  ];
  return (
    <section className="card" aria-labelledby="cov-work">
      <h2 id="cov-work">Pekerjaan menunggu</h2>
      <ul className="cov-work" data-testid="work-waiting">
        {items.map((i) => (
          <li key={i.label} className={i.n > 0 ? 'cov-work-open' : 'cov-work-done'}>
            <Link to={i.to}>
              <span className="cov-work-n tabular">{formatNumber(i.n)}</span> {i.label}
            </Link>
          </li>
        ))}
        {w.lastImport ? (
          <li className={w.lastImport.problems > 0 ? 'cov-work-open' : 'cov-work-done'}>
            <Link to="/sk">
              <span className="cov-work-n tabular">{formatNumber(w.lastImport.problems)}</span> baris bermasalah pada impor SK terakhir ({w.lastImport.number})
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function Villages({ s, roster }: { s: CoverageSummaryDto; roster: (extra?: string) => string }) {
  const v = s.villages;
  return (
    <section className="card" aria-labelledby="cov-villages">
      <h2 id="cov-villages">Desa dan kuota pekerja rentan</h2>
      {v.count === 0 ? (
        <p className="muted">Belum ada unit berjenis desa/pekon.</p>
      ) : (
        <>
          <p className="cov-big">
            <span className="tabular">{v.meeting}</span> <span className="muted">dari {v.count} desa memenuhi kuota {v.quota} orang</span>
          </p>
          <p className="small muted">Pekerja rentan terdaftar {formatNumber(v.rentanEnrolled)} dari target {formatNumber(v.target)}.</p>
          {v.below.length > 0 ? (
            <ul className="cov-below">
              {v.below.slice(0, 5).map((b) => (
                <li key={b.opdId}>
                  <Link to={roster(`&opd=${b.opdId}`)}>{b.name}</Link> <span className="tabular">{b.enrolled}/{v.quota}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
      <Link className="small" to="/pengaturan">Ubah kuota di Pengaturan › Cakupan →</Link>
    </section>
  );
}

function Paritrana({ s }: { s: CoverageSummaryDto }) {
  const p = s.paritrana;
  return (
    <section className="card" aria-labelledby="cov-paritrana">
      <h2 id="cov-paritrana">Cakupan wilayah (Paritrana)</h2>
      {p.regionPct !== null && p.semestaPekerja ? (
        <>
          <p className="cov-big"><span className="tabular">{formatPercent(p.regionPct)}</span> <span className="muted">dari semesta pekerja {formatNumber(p.semestaPekerja)}{p.year ? ` (${p.year})` : ''}</span></p>
          <p className="small muted">Peserta PU {formatNumber(p.regionCoveredPu ?? 0)} · BPU {formatNumber(p.regionCoveredBpu ?? 0)} (data cabang BPJS)</p>
        </>
      ) : (
        <p className="small muted">Isi semesta pekerja dan jumlah peserta di wilayah dari cabang BPJS untuk melihat cakupan seperti dihitung Paritrana Award.</p>
      )}
      <p className="small">Non-ASN pada SK yang terdaftar (PU): <strong className="tabular">{formatPercent(p.nonAsnPct)}</strong></p>
      <Link className="small" to="/pengaturan">Isi di Pengaturan › Cakupan →</Link>
    </section>
  );
}
