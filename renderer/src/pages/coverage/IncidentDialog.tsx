import { useEffect, useState } from 'react';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { dateFromText, toDateText } from '../../date-text';
import type { Output } from '../../../../shared/contract/index';
import { useSubmit } from '../../hooks/use-run';

type Found = Output<'roster.list'>['rows'][number];
/** The person an incident is for: a search result, or the person whose page opened the dialog. */
export type IncidentPerson = Pick<Found, 'personId' | 'name' | 'opd'>;
type Kind = 'accident' | 'work_death' | 'death';

export const KIND_LABELS: Record<Kind, string> = {
  accident: 'Kecelakaan kerja',
  work_death: 'Meninggal karena kecelakaan kerja',
  death: 'Meninggal dunia (bukan kecelakaan kerja)',
};

/**
 * Records an incident: find the person by name, NIK or KPJ, then the kind, date, place and what happened.
 * With `preselected` (the person page) the person is fixed and the search is not shown.
 */
export function IncidentDialog({ today, onClose, onSaved, preselected }: { today: string; onClose: () => void; onSaved: (id: number) => void; preselected?: IncidentPerson }) {
  const bridge = useBridge();
  const [search, setSearch] = useState('');
  const [results, setResults] = useState<{ q: string; rows: Found[] }>({ q: '', rows: [] });
  const q = search.trim();
  const found = q.length >= 3 && results.q === q ? results.rows : [];
  const [person, setPerson] = useState<IncidentPerson | null>(preselected ?? null);
  const [kind, setKind] = useState<Kind>('accident');
  const [date, setDate] = useState(toDateText(today));
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [reported, setReported] = useState('');
  const { busy, error, submit } = useSubmit();

  useEffect(() => {
    if (q.length < 3) return;
    let current = true;
    const t = setTimeout(() => {
      bridge.call('roster.list', { month: today.slice(0, 7), search: q, status: 'all', limit: 8 }).then(
        (r) => current && setResults({ q, rows: r.rows }),
        () => current && setResults({ q, rows: [] }),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(t);
    };
  }, [bridge, q, today]);

  const save = () =>
    submit(async () => {
      if (!person) throw new BridgeError('INVALID_INPUT', 'Pilih pegawai yang mengalami kejadian.');
      const d = dateFromText(date, 'Tanggal kejadian');
      if (!d) throw new BridgeError('INVALID_INPUT', 'Isi tanggal kejadian.');
      const r = dateFromText(reported, 'Tanggal lapor ke BPJS');
      const res = await bridge.call('incident.save', { personId: person.personId, kind, date: d, place: place.trim() || null, description: description.trim() || null, reportedDate: r });
      onSaved(res.id);
    });

  return (
    <Dialog title="Catat kejadian" onClose={onClose} onSubmit={save} submitLabel="Simpan" busy={busy} wide>
      <div className="form-grid">
        {preselected ? null : (
          <FormField label="Cari pegawai" required wide hint="Ketik paling sedikit 3 huruf nama, atau NIK/KPJ">
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={100} autoComplete="off" />
          </FormField>
        )}
        {!preselected && found.length > 0 ? (
          <ul className="person-results field-wide" aria-label="Hasil pencarian pegawai">
            {found.map((f) => (
              <li key={f.engagementId}>
                <button type="button" aria-pressed={person?.personId === f.personId} onClick={() => setPerson(f)}>
                  <strong>{f.name}</strong> <span className="muted small">NIK {f.nik} · {f.opd}{f.kpj ? '' : ' · belum ber-KPJ'}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {person ? (
          <p className="field-wide" data-testid="chosen-person">
            {preselected ? 'Pegawai' : 'Dipilih'}: <strong>{person.name}</strong>{person.opd ? ` (${person.opd})` : ''}
          </p>
        ) : null}
        <FormField label="Jenis kejadian" required>
          <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
              <option key={k} value={k}>{KIND_LABELS[k]}</option>
            ))}
          </select>
        </FormField>
        <FormField label="Tanggal kejadian" required>
          <DateInput value={date} onChange={setDate} />
        </FormField>
        <FormField label="Tempat" wide>
          <input value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} />
        </FormField>
        <FormField label="Uraian kejadian" wide>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} rows={3} />
        </FormField>
        <FormField label="Tanggal dilaporkan ke BPJS" hint="Kosongkan bila belum dilaporkan">
          <DateInput value={reported} onChange={setReported} />
        </FormField>
      </div>
      {kind !== 'accident' ? (
        <Notice tone="warning" title="Penugasan akan diakhiri">
          Penugasan pegawai ini diakhiri pada tanggal kejadian dengan alasan &quot;Meninggal dunia&quot;: iuran berhenti sesudah bulan itu, dan pegawai tidak masuk berkas penonaktifan (data_tk_na) karena kematian diurus lewat klaim.
        </Notice>
      ) : null}
      <ErrorNote error={error} />
    </Dialog>
  );
}
