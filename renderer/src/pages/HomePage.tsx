import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useAppInfo } from '../app-info';
import { useBridge } from '../bridge-context';
import { useLoad } from '../hooks/use-load';
import { LoadState } from '../components/LoadState';
import { MonthPicker, yearsAround } from '../components/MonthPicker';
import { PageHeader } from '../components/PageHeader';
import { Dashboard } from './coverage/Dashboard';

/** Beranda: coverage, money and the work waiting for the month the clerk picks. */
export function HomePage() {
  const { info } = useAppInfo();
  const bridge = useBridge();
  const [month, setMonth] = useState(info.today.slice(0, 7));
  const load = useLoad(useCallback(() => bridge.call('coverage.summary', { month }), [bridge, month]));
  return (
    <div className="page">
      <PageHeader
        title="Beranda"
        subtitle={info.employer?.name ?? 'Profil Pemda belum diisi'}
        actions={
          <>
            <div className="inline-field">
              <span aria-hidden="true">Bulan</span>
              <MonthPicker label="Bulan" value={month} onChange={setMonth} years={yearsAround(info.today)} />
            </div>
            <Link className="button" to={`/laporan?bulan=${month}`}>
              Cetak laporan cakupan
            </Link>
          </>
        }
      />
      <LoadState load={load}>{(s) => (s.totals.active === 0 && info.counts.persons === 0 ? <Welcome /> : <Dashboard s={s} />)}</LoadState>
    </div>
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
