import { Link } from 'react-router';
import type { Output } from '../../../../shared/contract/index';
import { Notice } from '../../components/Notice';
import { formatNumber } from '../../format';

/** The last step: what the SK changed, and where to go next. */
export function ImportDone({ result, onAnother }: { result: Output<'sk.apply'>; onAnother: () => void }) {
  return (
    <section className="card stack" data-testid="import-done">
      <Notice tone="success" title={`SK ${result.number} sudah diterapkan`}>
        Daftar pegawai sudah diperbarui dan perubahan dicatat di jejak audit.
      </Notice>
      <div className="stat-row stat-row-compact">
        <Count label="Pegawai dalam SK" value={result.persons} />
        <Count label="Pegawai baru" value={result.created} />
        <Count label="Data pegawai diperbarui" value={result.updated} />
        <Count label="Keterlibatan diakhiri" value={result.ended} />
        <Count label="OPD/pekon baru" value={result.newUnits} />
      </div>
      <div className="action-bar action-bar-start">
        <Link to="/pegawai" className="button button-primary">
          Lihat daftar pegawai
        </Link>
        <Link to="/sk" className="button">
          Lihat daftar SK
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          Impor SK lain
        </button>
      </div>
    </section>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="stat stat-small">
      <span className="stat-value">{formatNumber(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
