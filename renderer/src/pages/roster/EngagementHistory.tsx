import type { PersonDetailDto } from '../../../../shared/contract/index';
import { dateOrDash, DASH, formatRupiah } from '../../format';

/** Every engagement, newest first, with the decree it came from and where in the appendix. */
export function EngagementHistory({ engagements }: { engagements: PersonDetailDto['engagements'] }) {
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
            {engagements.map((e) => (
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
                </td>
                <td className="muted small">{e.sourceSheet ? `${e.sourceSheet}, baris ${e.sourceRow ?? DASH}` : DASH}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
