import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { dateOrDash, DASH, formatNumber, formatTimestamp } from '../../format';
import { actorLabel, MODE_LABELS } from '../../labels';
import { useCan } from '../../session/session';
import { DecreeDetail } from './DecreeDetail';
import { ScanIcon } from './ScanIcon';
import '../../styles/decrees.css';

/** SK: every imported decree, newest TMT first; a decree's number opens its record (scan, withdrawal). */
export function DecreeListPage() {
  const bridge = useBridge();
  const load = useLoad(useCallback(async () => {
    const [decrees, records] = await Promise.all([bridge.call('decree.list', {}), bridge.call('decree.records', {})]);
    return { decrees, records: new Map(records.map((r) => [r.decreeId, r])) };
  }, [bridge]));
  const canImport = useCan('sk.apply');
  const canWrite = useCan('decree.attachScan');
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <div className="page">
      <PageHeader
        title="SK"
        subtitle="Keputusan yang menetapkan tenaga non-ASN dan pekerja rentan, beserta lampiran dan pindaiannya."
        actions={
          canImport ? (
            <Link to="/sk/impor" className="button button-primary">
              Impor SK
            </Link>
          ) : undefined
        }
      />
      <LoadState load={load}>
        {({ decrees, records }) => {
          const open = openId === null ? undefined : decrees.find((d) => d.id === openId);
          const openRecord = openId === null ? undefined : records.get(openId);
          return decrees.length === 0 ? (
            <section className="card welcome" data-state="empty">
              <h2>Belum ada SK</h2>
              <p>
                Impor SK beserta lampirannya (Excel atau CSV). Sigap menunjukkan baris yang bermasalah dan perubahan terhadap daftar
                pegawai sebelum apa pun disimpan.
              </p>
              {canImport ? (
                <Link to="/sk/impor" className="button button-primary">
                  Impor SK pertama
                </Link>
              ) : null}
            </section>
          ) : (
            <section className="card card-flush" data-state="ready">
              <table className="simple-table" data-testid="decree-table">
                <thead>
                  <tr>
                    <th>Nomor SK</th>
                    <th>Tanggal</th>
                    <th>TMT</th>
                    <th>Kategori</th>
                    <th>Jenis</th>
                    <th className="num">Pegawai</th>
                    <th className="num">Masih aktif</th>
                    <th>Pindaian</th>
                    <th>Diimpor</th>
                  </tr>
                </thead>
                <tbody>
                  {decrees.map((d) => {
                    const r = records.get(d.id);
                    const withdrawn = r?.status === 'withdrawn';
                    return (
                      <tr key={d.id} className={withdrawn ? 'decree-withdrawn' : undefined} data-decree={d.number}>
                        <td>
                          <button type="button" className="link-button tabular strong" onClick={() => setOpenId(d.id)} title="Buka rincian SK">
                            {d.number}
                          </button>
                          {withdrawn ? <span className="pill pill-danger pill-small">Dibatalkan</span> : null}
                          {d.subject ? <div className="muted small clamp" title={d.subject}>{d.subject}</div> : null}
                        </td>
                        <td className="nowrap">{dateOrDash(d.date)}</td>
                        <td className="nowrap">
                          {dateOrDash(d.tmtStart)}
                          <div className="muted small">s.d. {d.tmtEnd ? dateOrDash(d.tmtEnd) : DASH}</div>
                        </td>
                        <td>{d.category}</td>
                        <td>
                          <span className={d.mode === 'replace' ? 'pill' : 'pill pill-info'}>{MODE_LABELS[d.mode]}</span>
                        </td>
                        <td className="num">{formatNumber(d.persons)}</td>
                        <td className="num">{formatNumber(d.active)}</td>
                        <td className="small">
                          {r?.scan ? (
                            <button type="button" className="scan-link" onClick={() => setOpenId(d.id)} title={r.scan.originalName}>
                              <ScanIcon /> Ada
                            </button>
                          ) : (
                            <span className="muted">{DASH}</span>
                          )}
                        </td>
                        <td className="small">
                          {formatTimestamp(d.importedAt)}
                          <div className="muted">{d.sourceFile ?? 'data awal'} · {actorLabel(d.importedBy)}</div>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {open && openRecord ? <DecreeDetail decree={open} record={openRecord} canWrite={canWrite} onClose={() => setOpenId(null)} onChanged={load.reload} /> : null}
            </section>
          );
        }}
      </LoadState>
    </div>
  );
}
