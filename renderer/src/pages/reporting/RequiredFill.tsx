import { useCallback, useId, useState } from 'react';
import type { RequiredMissingDto } from '../../../../shared/contract/reporting-calls';
import type { ReportKind } from '../../../../shared/sipp-layouts';
import { CONTACT_LABELS, type ContactField } from '../../../../shared/person-contact';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { Dialog } from '../../components/Dialog';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatNumber } from '../../format';
import { CutNote, PersonLink } from './parts';
import '../../styles/reporting-required.css';
import { useSubmit } from '../../hooks/use-run';

/** Marital status is a choice of two codes; the other fields are typed. */
const MARITAL = [['Y', 'Y — kawin'], ['T', 'T — tidak kawin']] as const;
const PLACEHOLDER: Record<ContactField, string> = { maritalStatus: '', workLocation: 'kode dari daftar templat', postalCode: '5 angka', email: 'nama@contoh.go.id' };

/**
 * Required columns left empty, one line each: "STATUS_KAWIN kosong untuk 40 orang — [Isi sekaligus]".
 * The button opens the one-step fill; a column Sigap cannot fill in one step says where to fix it.
 */
export function RequiredMissingLines({ kind, lines, profile, canFill, onFilled }: { kind: ReportKind; lines: RequiredMissingDto[]; profile?: string; canFill: boolean; onFilled: () => void }) {
  const [open, setOpen] = useState<RequiredMissingDto | null>(null);
  if (lines.length === 0) return null;
  return (
    <Notice tone="danger" title="Kolom wajib portal SIPP masih kosong">
      <ul className="plain-list rp-required" data-testid="required-missing">
        {lines.map((l) => (
          <li key={l.column}>
            <code className="rp-col">{l.column}</code> kosong untuk <strong>{formatNumber(l.count)} orang</strong>
            {l.fillable && canFill ? (
              <> — <button type="button" className="button button-small" onClick={() => setOpen(l)} data-testid={`fill-${l.column}`}>Isi sekaligus</button></>
            ) : (
              <span className="muted"> — lengkapi di halaman pegawai</span>
            )}
          </li>
        ))}
      </ul>
      {open && open.fillable ? (
        <FillDialog kind={kind} line={open} field={open.fillable} {...(profile ? { profile } : {})} onClose={() => setOpen(null)} onDone={() => { setOpen(null); onFilled(); }} />
      ) : null}
    </Notice>
  );
}

function ValueInput({ field, value, onChange, label, id }: { field: ContactField; value: string; onChange: (v: string) => void; label: string; id?: string }) {
  if (field === 'maritalStatus') {
    return (
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-label={label}>
        <option value="">— pilih —</option>
        {MARITAL.map(([v, t]) => <option key={v} value={v}>{t}</option>)}
      </select>
    );
  }
  return <input id={id} type="text" value={value} maxLength={120} placeholder={PLACEHOLDER[field]} onChange={(e) => onChange(e.target.value)} aria-label={label} />;
}

/** One value for everyone, or a value per person (a small table): written to the person records, audited. */
function FillDialog({ kind, line, field, profile, onClose, onDone }: { kind: ReportKind; line: RequiredMissingDto; field: ContactField; profile?: string; onClose: () => void; onDone: () => void }) {
  const bridge = useBridge();
  const people = useLoad(useCallback(() => bridge.call('bpjs.requiredPeople', { kind, column: line.column, ...(profile ? { profile } : {}) }), [bridge, kind, line.column, profile]));
  const [mode, setMode] = useState<'all' | 'each'>('all');
  const [value, setValue] = useState('');
  const [each, setEach] = useState<Record<number, string>>({});
  const { busy, error, submit: send } = useSubmit();
  const ids = { all: useId(), each: useId(), value: useId() };
  const label = CONTACT_LABELS[field];
  const chosen = Object.entries(each).filter(([, v]) => v.trim() !== '');
  const canSubmit = people.data !== undefined && (mode === 'all' ? value.trim() !== '' : chosen.length > 0);

  const submit = async () => {
    await send(async () => {
      if (mode === 'all') await bridge.call('bpjs.fillRequired', { field, all: { kind, column: line.column, value, ...(profile ? { profile } : {}) } });
      else await bridge.call('bpjs.fillRequired', { field, entries: chosen.map(([personId, v]) => ({ personId: Number(personId), value: v })) });
      onDone();
    });
  };

  return (
    <Dialog title={`Isi ${line.column} sekaligus`} onClose={onClose} onSubmit={submit} submitLabel="Simpan ke data pegawai" busy={busy} canSubmit={canSubmit} wide>
      <div className="stack" data-testid="fill-dialog">
        <p>
          {label} ditulis ke data masing-masing pegawai (tercatat di log audit), lalu dipakai di semua berkas berikutnya.
        </p>
        <div className="rp-fill-modes" role="radiogroup" aria-label="Cara mengisi">
          <label className="checkbox" htmlFor={ids.all}>
            <input id={ids.all} type="radio" name="fill-mode" checked={mode === 'all'} onChange={() => setMode('all')} /> Satu nilai untuk semua {formatNumber(people.data?.total ?? line.count)} orang
          </label>
          <label className="checkbox" htmlFor={ids.each}>
            <input id={ids.each} type="radio" name="fill-mode" checked={mode === 'each'} onChange={() => setMode('each')} /> Per orang
          </label>
        </div>
        {mode === 'all' ? (
          <div className="field">
            <label htmlFor={ids.value}>{label}</label>
            <ValueInput id={ids.value} field={field} value={value} onChange={setValue} label={label} />
          </div>
        ) : (
          <LoadState load={people}>
            {(p) => (
              <>
                <div className="table-scroll rp-fill-table">
                  <table className="simple-table" data-testid="fill-people">
                    <thead><tr><th>Nama</th><th>NIK</th><th>OPD / desa</th><th>{label}</th></tr></thead>
                    <tbody>
                      {p.people.map((x) => (
                        <tr key={x.personId}>
                          <td><PersonLink personId={x.personId} name={x.name} /></td>
                          <td className="tabular">{x.nik}</td>
                          <td>{x.opd}</td>
                          <td><ValueInput field={field} value={each[x.personId] ?? ''} onChange={(v) => setEach((m) => ({ ...m, [x.personId]: v }))} label={`${label} ${x.name}`} /></td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <CutNote shown={p.people.length} total={p.total} />
                <p className="muted small">{formatNumber(chosen.length)} dari {formatNumber(p.total)} orang diisi; yang dibiarkan kosong tetap terhambat.</p>
              </>
            )}
          </LoadState>
        )}
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
