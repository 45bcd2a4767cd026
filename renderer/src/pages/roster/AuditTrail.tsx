import type { PersonDetailDto } from '../../../../shared/contract/index';
import { DASH, formatDateId, formatTimestamp } from '../../format';
import { actorLabel, auditLabel } from '../../labels';
import { HIDDEN } from '../../../../shared/mask';

/** Column names in the audit rows, as the clerk knows them. */
const COLUMN_WORDS: Record<string, string> = {
  nik: 'NIK', name: 'Nama', birth_place: 'Tempat lahir', birth_date: 'Tanggal lahir', sex: 'Jenis kelamin', address: 'Alamat',
  phone: 'Telepon', mother_name: 'Nama ibu kandung', kpj: 'KPJ', end_date: 'Tanggal berakhir', end_reason: 'Alasan berakhir',
  honor: 'Honor', opd_id: 'OPD', position: 'Jabatan',
  postal_code: 'Kode pos', email: 'Surel', marital_status: 'Status kawin', work_location: 'Lokasi pekerjaan',
};

type Change = { field: string; before: string; after: string };

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return DASH;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDateId(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The fields an update or an end changed, from its before and after snapshots. */
export function changesOf(before: unknown, after: unknown): Change[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    // A value hidden from this role (shared/mask.ts) is still a change: the field is named, not its values.
    .filter((k) => show(b[k]) !== show(a[k]) || b[k] === HIDDEN || a[k] === HIDDEN)
    .map((k) => ({ field: COLUMN_WORDS[k] ?? k, before: show(b[k]), after: show(a[k]) }));
}

/** Who changed what and when, newest first. */
export function AuditTrail({ audit }: { audit: PersonDetailDto['audit'] }) {
  return (
    <section className="card">
      <h2>Jejak perubahan</h2>
      <ol className="timeline" data-testid="audit-trail">
        {audit.map((a) => {
          const changes = changesOf(a.before, a.after);
          return (
            <li key={a.id}>
              <div className="timeline-head">
                <strong>{auditLabel(a.action, a.entity)}</strong>
                <span className="muted small">
                  {formatTimestamp(a.at)} · oleh {actorLabel(a.actor)}
                </span>
              </div>
              {/* The core's summary names changed columns by their database names; the list below says it better. */}
              {a.summary && changes.length === 0 ? <div>{a.summary}</div> : null}
              {changes.length > 0 ? (
                <ul className="change-list">
                  {changes.map((c) => (
                    <li key={c.field}>
                      {c.field}: <del>{c.before}</del> → <ins>{c.after}</ins>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
        {audit.length === 0 ? <li className="muted">Belum ada catatan.</li> : null}
      </ol>
    </section>
  );
}
