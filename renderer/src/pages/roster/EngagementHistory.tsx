import { useCallback, useMemo } from 'react';
import type { PersonDetailDto } from '../../../../shared/contract/index';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { ErrorNote } from '../../components/Notice';
import { dateOrDash, DASH, formatRupiah } from '../../format';
import { ScanShown } from '../decrees/ScanImage';
import { ScanIcon } from '../decrees/ScanIcon';
import { useScanActions } from '../decrees/scan-actions';
import '../../styles/decrees.css';

/** Every engagement, newest first, with the decree it came from, where in the appendix, and the SK's scan when it has one. */
export function EngagementHistory({ engagements }: { engagements: PersonDetailDto['engagements'] }) {
  const bridge = useBridge();
  // Which decrees have a scan, by number (unique): a short list, read once for the page.
  const records = useLoad(useCallback(() => bridge.call('decree.records', {}), [bridge]));
  const scanned = useMemo(() => new Map((records.data ?? []).filter((r) => r.scan).map((r) => [r.number, r.decreeId])), [records.data]);
  const scan = useScanActions();
  return (
    <section className="card">
      <h2>Riwayat keterlibatan dan SK</h2>
      <div className="table-scroll">
        <table className="simple-table" data-testid="engagement-history">
          <thead>
            <tr>
              <th>OPD / pekon</th>
              <th>Kategori</th>
              <th>Jabatan</th>
              <th className="num">Honor</th>
              <th>Mulai</th>
              <th>Berakhir</th>
              <th>SK</th>
              <th>Sumber</th>
            </tr>
          </thead>
          <tbody>
            {engagements.map((e) => {
              const scanOf = e.decreeNumber ? scanned.get(e.decreeNumber) : undefined;
              return (
                <tr key={e.id}>
                  <td>{e.opd}</td>
                  <td>{e.category}</td>
                  <td>{e.position ?? DASH}</td>
                  <td className="num">{formatRupiah(e.honor)}</td>
                  <td className="nowrap">{dateOrDash(e.startDate)}</td>
                  <td>
                    <span className="nowrap">{e.endDate ? dateOrDash(e.endDate) : DASH}</span>
                    {e.endReason ? <div className="muted small">{e.endReason}</div> : null}
                  </td>
                  <td>
                    {e.decreeNumber ? <span className="tabular small">{e.decreeNumber}</span> : <span className="muted">Input manual</span>}
                    {e.decreeDate ? <div className="muted small">{dateOrDash(e.decreeDate)}</div> : null}
                    {scanOf !== undefined ? (
                      <div>
                        <button type="button" className="scan-link" onClick={() => void scan.show(scanOf)} disabled={scan.busy}>
                          <ScanIcon /> Pindaian SK
                        </button>
                      </div>
                    ) : null}
                  </td>
                  <td className="muted small">{e.sourceSheet ? `${e.sourceSheet}, baris ${e.sourceRow ?? DASH}` : DASH}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ErrorNote error={scan.error} />
      {scan.view ? <ScanShown view={scan.view} onClose={scan.close} /> : null}
    </section>
  );
}
