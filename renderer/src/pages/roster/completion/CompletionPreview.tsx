import { useState } from 'react';
import type { CompletionPreviewDto } from '../../../../../shared/contract/person-calls';
import { COMPLETION_LABELS } from '../../../../../shared/completion-columns';
import { Notice } from '../../../components/Notice';
import { DASH, formatNumber } from '../../../format';
import { Stat } from '../../reporting/KpjImportTab';
import { CutNote, Pager, PersonLink, pageOf } from '../../reporting/parts';

const PAGE = 50;

/** Step 2's body: what the file would change (old -> new, field by field), and what it cannot. */
export function CompletionPreview({ pv }: { pv: CompletionPreviewDto }) {
  const c = pv.counts;
  const changes = pv.people.flatMap((p) => p.changes.map((ch, i) => ({ ...ch, person: p, first: i === 0, span: p.changes.length })));
  const [offset, setOffset] = useState(0);
  return (
    <div className="stack" data-testid="completion-preview">
      <p className="muted">
        {pv.file} · {pv.sheets.map((s) => `sheet “${s.name}” (judul kolom baris ${s.headerRow})`).join(', ')} · {formatNumber(pv.rowsRead)} baris ber-NIK
      </p>
      <div className="stat-row stat-row-compact">
        <Stat value={pv.matched} label="Pegawai dikenali" tone="ok" />
        <Stat value={c.people} label="Pegawai yang berubah" tone="ok" />
        <Stat value={pv.fieldsChanged} label="Isian berubah" tone="ok" />
        <Stat value={c.unknown} label="NIK tidak terdaftar" tone={c.unknown ? 'warning' : 'ok'} />
        <Stat value={c.conflicts} label="Isian bertentangan" tone={c.conflicts ? 'danger' : 'ok'} />
        <Stat value={pv.errors - c.conflicts} label="Sel tidak sah" tone={pv.errors - c.conflicts ? 'danger' : 'ok'} />
      </div>
      {pv.people.length === 0 ? (
        <Notice tone="info" title="Tidak ada yang berubah">Semua isian di berkas sudah sama dengan data tercatat, atau kosong.</Notice>
      ) : (
        <>
          <h3 className="rp-h3">Perubahan ({formatNumber(pv.fieldsChanged)} isian pada {formatNumber(c.people)} pegawai)</h3>
          <table className="simple-table completion-changes" data-testid="completion-changes">
            <thead>
              <tr><th className="num">Baris</th><th>Nama</th><th>NIK</th><th>Isian</th><th>Tercatat</th><th>Dari berkas</th></tr>
            </thead>
            <tbody>
              {pageOf(changes, offset, PAGE).map((ch, i) => (
                <tr key={`${ch.person.personId}-${ch.field}`} className={ch.first || i === 0 ? 'completion-first' : undefined}>
                  <td className="num">{ch.first || i === 0 ? ch.person.row : ''}</td>
                  <td>{ch.first || i === 0 ? <PersonLink personId={ch.person.personId} name={ch.person.name} /> : ''}</td>
                  <td className="tabular">{ch.first || i === 0 ? ch.person.nik : ''}</td>
                  <td>{COMPLETION_LABELS[ch.field]}</td>
                  <td className="completion-old">{ch.old ?? <span className="muted">{DASH}</span>}</td>
                  <td className="completion-new strong">{ch.new}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={PAGE} total={changes.length} onChange={setOffset} label="Halaman perubahan" />
          <CutNote shown={pv.people.length} total={c.people} />
        </>
      )}
      {pv.conflicts.length > 0 ? (
        <>
          <h3 className="rp-h3">Isian bertentangan: tidak diubah ({formatNumber(c.conflicts)})</h3>
          <table className="simple-table" data-testid="completion-conflicts">
            <thead><tr><th>Nama</th><th>NIK</th><th>Isian</th><th>Nilai di berkas</th></tr></thead>
            <tbody>
              {pv.conflicts.map((k) => (
                <tr key={`${k.nik}-${k.field}`}>
                  <td>{k.name}</td>
                  <td className="tabular">{k.nik}</td>
                  <td>{COMPLETION_LABELS[k.field]}</td>
                  <td>{k.values.map((v) => `“${v.value}” (sheet ${v.sheet} baris ${v.row})`).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {pv.problems.length > 0 ? (
        <>
          <h3 className="rp-h3">Masalah di berkas ({formatNumber(c.problems)})</h3>
          <table className="simple-table" data-testid="completion-problems">
            <thead><tr><th>Sheet</th><th className="num">Baris</th><th>Kolom</th><th>Pesan</th></tr></thead>
            <tbody>
              {pv.problems.map((p, i) => (
                <tr key={`${p.sheet}-${p.row}-${p.column}-${i}`} className={p.severity === 'error' ? 'rp-problem-error' : 'rp-problem-warning'}>
                  <td>{p.sheet}</td>
                  <td className="num">{p.row}</td>
                  <td className="nowrap">{p.column ? `${p.column} (${p.columnName})` : DASH}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {pv.unknown.length > 0 ? (
        <>
          <h3 className="rp-h3">NIK tidak terdaftar di Sigap: dilewati ({formatNumber(c.unknown)})</h3>
          <table className="simple-table" data-testid="completion-unknown">
            <thead><tr><th>Sheet</th><th className="num">Baris</th><th>NIK</th><th>Nama di berkas</th></tr></thead>
            <tbody>
              {pv.unknown.map((u) => (
                <tr key={u.nik}><td>{u.sheet}</td><td className="num">{u.row}</td><td className="tabular">{u.nik}</td><td>{u.name ?? DASH}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">Pegawai baru didaftarkan lewat impor SK atau Tambah pegawai, bukan dari berkas ini.</p>
        </>
      ) : null}
    </div>
  );
}
