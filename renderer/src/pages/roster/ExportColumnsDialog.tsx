import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Notice } from '../../components/Notice';
import { ROSTER_EXPORT_COLUMNS } from '../../../../shared/contract/roster';
import { DEFAULT_ROSTER_COLUMNS, ROSTER_COLUMN_HEADERS, type RosterColumn } from '../../../../shared/roster-export-columns';
import { moveColumn } from './export-columns-memory';

interface Props {
  /** The remembered choice, in its order. */
  initial: readonly RosterColumn[];
  /** Finance and viewer get the birth year only, and NIK/KPJ masked: say so beside those columns. */
  masked: boolean;
  busy: boolean;
  onClose: () => void;
  onSave: (columns: RosterColumn[]) => void;
}

/** The chosen columns first (in their order), then the others. */
const fullOrder = (chosen: readonly RosterColumn[]): RosterColumn[] => [...chosen, ...ROSTER_EXPORT_COLUMNS.filter((c) => !chosen.includes(c))];

const MASKED_NOTE: Partial<Record<RosterColumn, string>> = {
  nik: 'disamarkan', kpj: 'disamarkan', birthDate: 'tahun saja',
  postalCode: 'disembunyikan', email: 'disembunyikan', maritalStatus: 'disembunyikan', workLocation: 'disembunyikan',
};

/** Pegawai › Unduh Excel: which columns the file holds, in which order. */
export function ExportColumnsDialog({ initial, masked, busy, onClose, onSave }: Props) {
  const [order, setOrder] = useState<RosterColumn[]>(() => fullOrder(initial));
  const [chosen, setChosen] = useState<ReadonlySet<RosterColumn>>(() => new Set(initial));
  const columns = order.filter((c) => chosen.has(c));
  const toggle = (c: RosterColumn) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(c)) next.delete(c);
      else next.add(c);
      return next;
    });

  return (
    <Dialog title="Unduh daftar pegawai" onClose={onClose} onSubmit={() => onSave(columns)} submitLabel="Unduh Excel" canSubmit={columns.length > 0} busy={busy}>
      <p className="muted">
        Daftar yang tampil (filter, pencarian dan urutannya) ditulis ke Excel dengan kolom yang dicentang, dalam urutan ini. Pilihan ini diingat untuk akun Anda.
      </p>
      <div className="form-row">
        <button type="button" className="link-button" onClick={() => setChosen(new Set(ROSTER_EXPORT_COLUMNS))}>
          Pilih semua
        </button>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setOrder(fullOrder(DEFAULT_ROSTER_COLUMNS));
            setChosen(new Set(DEFAULT_ROSTER_COLUMNS));
          }}
        >
          Kembalikan bawaan
        </button>
      </div>
      <ul className="column-list" aria-label="Kolom berkas Excel">
        {order.map((c, i) => (
          <li key={c} data-column={c}>
            <label>
              <input type="checkbox" checked={chosen.has(c)} onChange={() => toggle(c)} />
              {ROSTER_COLUMN_HEADERS[c]}
              {masked && MASKED_NOTE[c] ? <span className="muted small">({MASKED_NOTE[c]})</span> : null}
            </label>
            <button type="button" className="icon-button" aria-label={`Naikkan ${ROSTER_COLUMN_HEADERS[c]}`} disabled={i === 0} onClick={() => setOrder((o) => moveColumn(o, c, -1))}>
              ↑
            </button>
            <button type="button" className="icon-button" aria-label={`Turunkan ${ROSTER_COLUMN_HEADERS[c]}`} disabled={i === order.length - 1} onClick={() => setOrder((o) => moveColumn(o, c, 1))}>
              ↓
            </button>
          </li>
        ))}
      </ul>
      {columns.length === 0 ? (
        <Notice tone="warning">Centang paling sedikit satu kolom.</Notice>
      ) : (
        <p className="muted small" data-testid="chosen-columns">
          Kolom berkas: No, {columns.map((c) => ROSTER_COLUMN_HEADERS[c]).join(', ')}
        </p>
      )}
    </Dialog>
  );
}
