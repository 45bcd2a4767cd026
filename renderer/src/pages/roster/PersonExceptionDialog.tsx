import { useState } from 'react';
import type { Program } from '../../../../shared/contract/index';
import { PROGRAMS } from '../../../../shared/contract/settings';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { MonthPicker, yearsAround } from '../../components/MonthPicker';
import { ErrorNote } from '../../components/Notice';
import { formatMonthId } from '../../format';
import { JKK_RISK, jkkClassName, PROGRAM_INFO } from '../settings/category-labels';
import { useSubmit } from '../../hooks/use-run';

const REQUIRED: readonly Program[] = ['JKK', 'JKM'];

/**
 * Adds a per-person exception: another program set and/or JKK class from a month (optionally until a
 * month), with the reason and the decision it rests on. The core checks it again (JKK+JKM at least, no
 * overlap with another exception of the person) and writes the audit row.
 */
export function PersonExceptionDialog({ personId, name, segment, categoryPrograms, today, onClose, onSaved }: {
  personId: number; name: string; segment: 'PU' | 'BPU' | null; categoryPrograms: Program[]; today: string; onClose: () => void; onSaved: () => void;
}) {
  const bridge = useBridge();
  const thisMonth = today.slice(0, 7);
  const [fromMonth, setFromMonth] = useState(thisMonth);
  const [hasEnd, setHasEnd] = useState(false);
  const [toMonth, setToMonth] = useState(`${today.slice(0, 4)}-12`);
  const [changePrograms, setChangePrograms] = useState(true);
  const [programs, setPrograms] = useState<Set<Program>>(new Set(REQUIRED));
  const [jkkClass, setJkkClass] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [source, setSource] = useState('');
  const { busy, error, setError, submit } = useSubmit();
  const allowed = (p: Program) => !(p === 'JP' && segment === 'BPU');

  const toggle = (p: Program, on: boolean) => {
    const next = new Set(programs);
    if (on) next.add(p);
    else next.delete(p);
    setPrograms(next);
  };

  const save = async () => {
    setError(null);
    if (!changePrograms && jkkClass === null) {
      setError(new BridgeError('INVALID_INPUT', 'Pilih program yang berbeda, kelas JKK yang berbeda, atau keduanya.'));
      return;
    }
    if (reason.trim().length < 3) {
      setError(new BridgeError('INVALID_INPUT', 'Tulis alasan pengecualian (paling sedikit 3 huruf).'));
      return;
    }
    await submit(async () => {
      await bridge.call('person.addException', {
        personId, fromMonth, toMonth: hasEnd ? toMonth : null,
        programs: changePrograms ? PROGRAMS.filter((p) => programs.has(p)) : null,
        jkkClass, reason: reason.trim(), source: source.trim() || null,
      });
      onSaved();
    });
  };

  const years = yearsAround(today);
  return (
    <Dialog title="Tambah pengecualian iuran" onClose={onClose} onSubmit={save} submitLabel="Simpan pengecualian" busy={busy} wide>
      <p className="muted">
        {name} ditagih menurut kategorinya{categoryPrograms.length ? ` (${categoryPrograms.join('+')})` : ''}. Pengecualian mengubah program atau kelas JKK orang ini saja, untuk bulan-bulan yang
        dicakupnya; tagihan yang sudah terbit tidak berubah.
      </p>
      <div className="form-grid">
        <FormField label="Mulai bulan" required>
          <MonthPicker label="Mulai bulan" value={fromMonth} onChange={setFromMonth} years={years} />
        </FormField>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={hasEnd} onChange={(e) => setHasEnd(e.target.checked)} /> Sampai bulan tertentu
          </label>
          {hasEnd ? <MonthPicker label="Sampai bulan" value={toMonth} onChange={setToMonth} years={years} /> : <span className="muted small">Berlaku terus sampai diakhiri.</span>}
        </div>
      </div>
      <fieldset className="category-fieldset">
        <legend>
          <label className="checkbox">
            <input type="checkbox" checked={changePrograms} onChange={(e) => setChangePrograms(e.target.checked)} /> Program berbeda dari kategori
          </label>
        </legend>
        {changePrograms ? (
          <div className="program-choices" data-testid="exception-programs">
            {PROGRAMS.map((p) => {
              const required = REQUIRED.includes(p);
              const ok = allowed(p);
              const on = required || (programs.has(p) && ok);
              return (
                <label key={p} className={on ? 'choice choice-on' : ok ? 'choice' : 'choice choice-off'}>
                  <input type="checkbox" checked={on} disabled={required || !ok} onChange={(e) => toggle(p, e.target.checked)} aria-label={p} />
                  <span>
                    <strong>
                      {PROGRAM_INFO[p].name} ({p}){required ? <em className="program-tag"> wajib</em> : null}
                    </strong>
                  </span>
                </label>
              );
            })}
          </div>
        ) : (
          <p className="muted small">Program tetap seperti kategori.</p>
        )}
      </fieldset>
      <div className="form-grid form-grid-single">
        <FormField label="Kelas risiko JKK" hint={segment === 'BPU' ? 'Peserta BPU tidak memakai kelas risiko.' : 'Hanya bila BPJS menetapkan kelas lain untuk pekerjaan orang ini.'}>
          <select value={jkkClass ?? ''} disabled={segment === 'BPU'} onChange={(e) => setJkkClass(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Sama seperti biasa (kategori / NPP)</option>
            {JKK_RISK.map((risk, i) => (
              <option key={risk} value={i + 1}>
                {jkkClassName(i + 1)}: risiko {risk}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Alasan" required>
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} placeholder="mis. sudah peserta JHT dan JP lewat pemberi kerja lain" />
        </FormField>
        <FormField label="Dasar (nomor SK atau surat)" hint="Dicetak pada rincian tagihan">
          <input value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} placeholder="mis. SK 800/12/2026" />
        </FormField>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}

/** Ends an exception: the last month it covers. */
export function EndExceptionDialog({ exceptionId, sentence, fromMonth, today, onClose, onSaved }: {
  exceptionId: number; sentence: string; fromMonth: string; today: string; onClose: () => void; onSaved: () => void;
}) {
  const bridge = useBridge();
  const thisMonth = today.slice(0, 7);
  const [lastMonth, setLastMonth] = useState(thisMonth < fromMonth ? fromMonth : thisMonth);
  const { busy, error, submit } = useSubmit();
  const save = async () => {
    await submit(async () => {
      await bridge.call('person.endException', { id: exceptionId, lastMonth });
      onSaved();
    });
  };
  return (
    <Dialog title="Akhiri pengecualian" onClose={onClose} onSubmit={save} submitLabel="Akhiri" busy={busy} danger>
      <p>{sentence}</p>
      <p className="muted">Sesudah bulan terakhir, orang ini ditagih menurut kategorinya lagi. Bulan yang sudah ditagih tidak berubah.</p>
      <div className="form-grid form-grid-single">
        <FormField label="Bulan terakhir berlaku" required hint={`Paling awal ${formatMonthId(fromMonth)}`}>
          <MonthPicker label="Bulan terakhir" value={lastMonth} onChange={setLastMonth} years={yearsAround(today)} />
        </FormField>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
