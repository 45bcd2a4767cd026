import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useAppInfo } from '../app-info';
import { useBridge } from '../bridge-context';
import { useLoad } from '../hooks/use-load';
import { LoadState } from '../components/LoadState';
import { MonthPicker, yearsAround } from '../components/MonthPicker';
import { PageHeader } from '../components/PageHeader';
import { formatDateId, formatMonthId, formatNumber } from '../format';
import type { Output } from '../../../shared/contract/index';

type Summary = Output<'dashboard.summary'>;

/** Beranda: the counts that exist so far, for the month the clerk picks. */
export function HomePage() {
  const { info } = useAppInfo();
  const bridge = useBridge();
  const [month, setMonth] = useState(info.today.slice(0, 7));
  const load = useLoad(useCallback(() => bridge.call('dashboard.summary', { month }), [bridge, month]));
  return (
    <div className="page">
      <PageHeader
        title="Beranda"
        subtitle={info.employer?.name ?? 'Profil Pemda belum diisi'}
        actions={
          <div className="inline-field">
            <span aria-hidden="true">Bulan</span>
            <MonthPicker label="Bulan" value={month} onChange={setMonth} years={yearsAround(info.today)} />
          </div>
        }
      />
      <LoadState load={load}>{(s) => (s.active === 0 && info.counts.persons === 0 ? <Welcome /> : <Overview s={s} year={month.slice(0, 4)} />)}</LoadState>
    </div>
  );
}

function Overview({ s, year }: { s: Summary; year: string }) {
  const maxOpd = Math.max(1, ...s.byOpd.map((o) => o.count));
  return (
    <div data-state="ready" className="stack">
      <div className="stat-row">
        <Stat label={`Pegawai aktif ${formatMonthId(s.month)}`} value={s.active} to="/pegawai" />
        <Stat label={`SK tahun ${year}`} value={s.decreesThisYear} to="/sk" />
        <Stat label="Belum punya nomor KPJ" value={s.withoutKpj} tone={s.withoutKpj > 0 ? 'warning' : undefined} note="perlu didaftarkan ke BPJS" />
        <Stat label="OPD dan pekon dengan pegawai" value={s.byOpd.length} to="/pengaturan" />
      </div>
      <div className="two-columns">
        <div className="stack">
          <section className="card">
            <h2>Per kategori</h2>
            <table className="simple-table">
              <thead>
                <tr>
                  <th>Kategori</th>
                  <th>Segmen</th>
                  <th className="num">Pegawai</th>
                </tr>
              </thead>
              <tbody>
                {s.byCategory.map((c) => (
                  <tr key={c.categoryId}>
                    <td>{c.category}</td>
                    <td>
                      <span className="pill">{c.segment}</span>
                    </td>
                    <td className="num">{formatNumber(c.count)}</td>
                  </tr>
                ))}
                {s.byCategory.length === 0 ? (
                  <tr>
                    <td colSpan={3} className="muted">Tidak ada pegawai aktif pada bulan ini.</td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
          <RecentDecrees />
        </div>
        <section className="card">
          <h2>Per OPD</h2>
          <div className="bar-list" role="list">
            {s.byOpd.map((o) => (
              <div className="bar-item" role="listitem" key={o.opdId}>
                <span className="bar-label" title={o.opd}>{o.opd}</span>
                <span className="bar-track" aria-hidden="true">
                  <span className="bar-fill" style={{ width: `${(o.count / maxOpd) * 100}%` }} />
                </span>
                <span className="bar-value">{formatNumber(o.count)}</span>
              </div>
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}

/** The latest decrees, so the clerk sees at a glance which SK the roster stands on. */
function RecentDecrees() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('decree.list', {}), [bridge]));
  const recent = (load.data ?? []).slice(0, 4);
  return (
    <section className="card">
      <h2>SK terbaru</h2>
      <ul className="decree-list">
        {recent.map((d) => (
          <li key={d.id}>
            <span className="tabular strong">{d.number}</span>
            <span className="muted small">
              {d.category} · TMT {formatDateId(d.tmtStart)} · {formatNumber(d.persons)} pegawai
            </span>
          </li>
        ))}
      </ul>
      <Link to="/sk" className="small">
        Semua SK →
      </Link>
    </section>
  );
}

function Stat({ label, value, to, tone, note }: { label: string; value: number; to?: string; tone?: 'warning'; note?: string }) {
  const body = (
    <>
      <span className="stat-value">{formatNumber(value)}</span>
      <span className="stat-label">{label}</span>
      {note ? <span className="stat-note">{note}</span> : null}
    </>
  );
  const cls = tone ? `stat stat-${tone}` : 'stat';
  return to ? (
    <Link className={`${cls} stat-link`} to={to}>
      {body}
    </Link>
  ) : (
    <div className={cls}>{body}</div>
  );
}

function Welcome() {
  return (
    <section className="card welcome" data-state="empty">
      <h2>Selamat datang di Sigap</h2>
      <p>Belum ada pegawai. Mulailah dengan dua langkah ini:</p>
      <ol>
        <li>
          <Link to="/pengaturan">Isi profil Pemda</Link> (nama, NPP, alamat dan logo untuk kop surat).
        </li>
        <li>
          <Link to="/sk/impor">Impor SK</Link> beserta lampirannya (Excel atau CSV); Sigap membaca daftar pegawainya.
        </li>
      </ol>
    </section>
  );
}
