import { useCallback, useState } from 'react';
import type { PersonBillingDto, PersonExceptionDto } from '../../../../shared/contract/person-billing-calls';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { formatMonthId, formatTimestamp } from '../../format';
import { useCan } from '../../session/session';
import { jkkClassName } from '../settings/category-labels';
import { EndExceptionDialog, PersonExceptionDialog } from './PersonExceptionDialog';
import '../../styles/person-billing.css';

/**
 * "Iuran dan program" on the person page: what the person is billed under this month (programs after
 * an exception and the JP retirement age, the JKK class and where it comes from), the JP rule, and the
 * person's exceptions, which HR adds and ends here.
 */
export function PersonBilling({ personId, name, today }: { personId: number; name: string; today: string }) {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('person.billing', { personId }), [bridge, personId]));
  const canAdd = useCan('person.addException');
  const canEnd = useCan('person.endException');
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'end'; exception: PersonExceptionDto } | null>(null);
  const saved = () => {
    setDialog(null);
    load.reload();
  };

  return (
    <section className="card" aria-labelledby="person-billing-title" data-testid="person-billing">
      <LoadState load={load}>
        {(b) => (
          <>
            <div className="person-billing-head">
              <h2 id="person-billing-title">Iuran dan program · {formatMonthId(b.month)}</h2>
              {canAdd && b.segment ? (
                <button type="button" className="button" onClick={() => setDialog({ kind: 'add' })}>
                  Tambah pengecualian
                </button>
              ) : null}
            </div>
            <Rules b={b} />
            <Exceptions list={b.exceptions} month={b.month} onEnd={canEnd ? (exception) => setDialog({ kind: 'end', exception }) : null} />
            {dialog?.kind === 'add' ? (
              <PersonExceptionDialog
                personId={personId}
                name={name}
                segment={b.segment}
                categoryPrograms={b.categoryPrograms}
                today={today}
                onClose={() => setDialog(null)}
                onSaved={saved}
              />
            ) : null}
            {dialog?.kind === 'end' ? (
              <EndExceptionDialog
                exceptionId={dialog.exception.id}
                sentence={dialog.exception.sentence}
                fromMonth={dialog.exception.fromMonth}
                today={today}
                onClose={() => setDialog(null)}
                onSaved={saved}
              />
            ) : null}
          </>
        )}
      </LoadState>
    </section>
  );
}

function Rules({ b }: { b: PersonBillingDto }) {
  if (!b.segment) return <p className="muted">Tidak ditagih bulan ini: tidak ada keterlibatan yang berlaku.</p>;
  const changed = b.programs.join(',') !== b.categoryPrograms.join(',');
  return (
    <dl className="facts" data-testid="person-billing-rules">
      <dt>Program ditagih</dt>
      <dd>
        <strong>{b.programs.join(' + ') || '—'}</strong>
        {changed ? <span className="muted"> · kategori {b.category}: {b.categoryPrograms.join(' + ')}</span> : <span className="muted"> · sesuai kategori {b.category}</span>}
      </dd>
      {b.jkkClass !== null ? (
        <>
          <dt>Kelas risiko JKK</dt>
          <dd>
            {jkkClassName(b.jkkClass)} <span className="muted">· dari {b.jkkClassFrom}</span>
          </dd>
        </>
      ) : null}
      {b.jp ? (
        <>
          <dt>Jaminan Pensiun</dt>
          <dd data-testid="person-billing-jp" className={b.jp.stopped ? 'person-billing-jp-stopped' : undefined}>
            {b.jp.sentence}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

type ExceptionState = 'active' | 'upcoming' | 'ended';
const stateOf = (e: PersonExceptionDto, month: string): ExceptionState => (e.active ? 'active' : e.fromMonth > month ? 'upcoming' : 'ended');
const STATE_PILL: Record<ExceptionState, { label: string; className: string }> = {
  active: { label: 'Berlaku', className: 'pill pill-info' },
  upcoming: { label: 'Akan berlaku', className: 'pill pill-soon' },
  ended: { label: 'Berakhir', className: 'pill pill-muted' },
};

function Exceptions({ list, month, onEnd }: { list: PersonExceptionDto[]; month: string; onEnd: ((e: PersonExceptionDto) => void) | null }) {
  if (list.length === 0) return <p className="muted small">Tidak ada pengecualian: orang ini ditagih menurut kategorinya.</p>;
  return (
    <div className="table-scroll">
      <table className="simple-table" data-testid="person-exceptions">
        <thead>
          <tr>
            <th>Pengecualian</th>
            <th>Alasan</th>
            <th>Dicatat</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((e) => {
            const state = stateOf(e, month);
            return (
              <tr key={e.id} data-testid={`person-exception-${e.id}`}>
                <td>{e.sentence.replace(/^Pengecualian: /, '')}</td>
                <td>{e.reason}</td>
                <td className="nowrap small">
                  {formatTimestamp(e.createdAt)}
                  <div className="muted">{e.createdBy}</div>
                </td>
                <td>
                  <span className={STATE_PILL[state].className}>{STATE_PILL[state].label}</span>
                </td>
                <td className="nowrap">
                  {onEnd && state !== 'ended' ? (
                    <button type="button" className="button button-small" onClick={() => onEnd(e)}>
                      Akhiri
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
