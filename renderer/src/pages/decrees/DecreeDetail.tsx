import { useEffect, useId } from 'react';
import { createPortal } from 'react-dom';
import type { DecreeDto } from '../../../../shared/contract/index';
import type { DecreeRecordDto } from '../../../../shared/contract/decree-calls';
import { dateOrDash, DASH, formatTimestamp } from '../../format';
import { actorLabel, MODE_LABELS } from '../../labels';
import { DecreeScanPanel } from './DecreeScanPanel';
import { DecreeUndoPanel } from './DecreeUndoPanel';
import '../../styles/decrees.css';

/** One decree's record: its data and status, the signed scan, and withdrawing it. Escape closes. */
export function DecreeDetail({ decree, record, canWrite, onClose, onChanged }: { decree: DecreeDto; record: DecreeRecordDto; canWrite: boolean; onClose: () => void; onChanged: () => void }) {
  const titleId = useId();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const withdrawn = record.status === 'withdrawn';
  return createPortal(
    <div className="dialog-backdrop">
      <div className="dialog dialog-wide decree-detail" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="decree-detail">
        <header className="dialog-head">
          <h2 id={titleId}>SK {decree.number}</h2>
          <button type="button" className="icon-button" aria-label="Tutup" onClick={onClose} autoFocus>
            ×
          </button>
        </header>
        <div className="dialog-body">
          <dl className="facts">
            <dt>Tentang</dt>
            <dd>{decree.subject ?? DASH}</dd>
            <dt>Tanggal / TMT</dt>
            <dd>
              {dateOrDash(decree.date)} · TMT {dateOrDash(decree.tmtStart)} s.d. {decree.tmtEnd ? dateOrDash(decree.tmtEnd) : DASH}
            </dd>
            <dt>Kategori, jenis</dt>
            <dd>
              {decree.category} · {MODE_LABELS[decree.mode]}
            </dd>
            <dt>Diterapkan</dt>
            <dd>
              {formatTimestamp(decree.importedAt)} · {actorLabel(decree.importedBy)} · {decree.sourceFile ?? 'data awal'}
            </dd>
            <dt>Status</dt>
            <dd data-testid="decree-status">
              {withdrawn ? (
                <>
                  <span className="pill pill-danger">Dibatalkan</span> {record.withdrawnAt ? formatTimestamp(record.withdrawnAt) : ''} ·{' '}
                  {actorLabel(record.withdrawnBy ?? '')}
                  <div className="muted small">Alasan: {record.withdrawReason}</div>
                </>
              ) : (
                <span className="pill pill-ok">Diterapkan</span>
              )}
            </dd>
          </dl>
          <DecreeScanPanel record={record} canWrite={canWrite} onChanged={onChanged} />
          {canWrite ? <DecreeUndoPanel key={record.decreeId} record={record} onChanged={onChanged} /> : null}
        </div>
        <footer className="dialog-foot">
          <button type="button" className="button" onClick={onClose}>
            Tutup
          </button>
        </footer>
      </div>
    </div>,
    document.body,
  );
}
