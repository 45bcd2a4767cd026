import { useState } from 'react';
import type { ImportProblemDto, KpjPreviewDto } from '../../../../shared/contract/reporting-calls';
import type { Output } from '../../../../shared/contract/index';
import { asBridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { ErrorNote, Notice } from '../../components/Notice';
import { dateOrDash, formatNumber } from '../../format';
import { CutNote, Pager, PersonLink, pageOf } from './parts';
import { useRun } from '../../hooks/use-run';

const PAGE = 50;
type Applied = Output<'bpjs.importKpjApply'>;

/** Daftar peserta: the branch's participant list fills KPJ numbers, after a preview the clerk reads. */
export function KpjImportTab() {
  const bridge = useBridge();
  const [preview, setPreview] = useState<KpjPreviewDto | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);
  const { busy, error, setError, run } = useRun<'read' | 'apply'>();

  // Busy only once a file is chosen: the button does not say "Membaca…" while the file dialog is open.
  const choose = async () => {
    setError(null);
    setApplied(null);
    const f = await bridge.call('bpjs.chooseFile', { purpose: 'kpj' }).catch((e: unknown) => {
      setError(asBridgeError(e));
      return null;
    });
    if (!f) return;
    await run('read', async () => {
      try {
        setPreview(await bridge.call('bpjs.importKpjPreview', { token: f.token }));
      } catch (e) {
        setPreview(null);
        throw e;
      }
    });
  };
  const apply = async () => {
    if (!preview) return;
    await run('apply', async () => {
      setApplied(await bridge.call('bpjs.importKpjApply', { previewId: preview.previewId }));
      setPreview(null);
    });
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="muted">
          Impor daftar peserta dari kantor cabang (NIK, nama, KPJ, tanggal kepesertaan) untuk mengisi nomor KPJ. Pegawai dicocokkan menurut NIK;
          tidak ada yang disimpan sebelum Anda memeriksa pratinjau.
        </p>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={choose} disabled={busy !== null}>
          {busy === 'read' ? 'Membaca…' : 'Pilih daftar peserta…'}
        </button>
      </div>
      <ErrorNote error={error} />
      {applied ? (
        <Notice tone="success" title="Daftar peserta disimpan">
          <span data-testid="kpj-applied">
            {formatNumber(applied.applied)} pegawai cocok: {formatNumber(applied.kpjFilled)} KPJ baru diisi, {formatNumber(applied.kpjReplaced)} KPJ diganti.
          </span>
        </Notice>
      ) : null}
      {preview ? <KpjPreview pv={preview} busy={busy === 'apply'} onApply={apply} onCancel={() => setPreview(null)} /> : null}
    </div>
  );
}

function KpjPreview({ pv, busy, onApply, onCancel }: { pv: KpjPreviewDto; busy: boolean; onApply: () => void; onCancel: () => void }) {
  const [offset, setOffset] = useState(0);
  const c = pv.counts;
  const changing = pv.updates.filter((u) => u.previousKpj !== u.kpj);
  return (
    <section className="card stack" aria-label="Pratinjau daftar peserta" data-testid="kpj-preview">
      <h2 className="rp-h2">{pv.file} · sheet “{pv.sheet}” · {formatNumber(pv.rows)} baris</h2>
      <div className="stat-row stat-row-compact">
        <Stat value={c.matched} label="Cocok dengan pegawai" tone="ok" />
        <Stat value={c.kpjNew} label="KPJ baru diisi" tone="ok" />
        <Stat value={c.kpjReplaced} label="KPJ diganti" tone={c.kpjReplaced ? 'warning' : 'ok'} />
        <Stat value={c.unknownNik} label="NIK tidak dikenal" tone={c.unknownNik ? 'warning' : 'ok'} />
        <Stat value={c.nameMismatch} label="Nama berbeda" tone={c.nameMismatch ? 'warning' : 'ok'} />
        <Stat value={c.errors} label="Baris ditolak" tone={c.errors ? 'danger' : 'ok'} />
      </div>
      {pv.errors.length > 0 ? (
        <Notice tone="danger" title={`${formatNumber(c.errors)} baris ditolak: tidak ada yang dapat disimpan`}>
          Perbaiki berkas (atau minta kantor cabang mengirim ulang) lalu pilih lagi.
        </Notice>
      ) : null}
      <ProblemTable title="Ditolak" list={pv.errors} testId="kpj-errors" />
      <ProblemTable title="Perlu diperhatikan" list={pv.warnings} testId="kpj-warnings" />
      {changing.length > 0 ? (
        <>
          <h3 className="rp-h3">KPJ yang akan diisi atau diganti ({formatNumber(c.kpjNew + c.kpjReplaced)})</h3>
          <table className="simple-table" data-testid="kpj-updates">
            <thead><tr><th className="num">Baris</th><th>Nama</th><th>NIK</th><th>KPJ lama</th><th>KPJ baru</th><th>Peserta sejak</th></tr></thead>
            <tbody>
              {pageOf(changing, offset, PAGE).map((u) => (
                <tr key={u.personId}>
                  <td className="num">{u.row}</td>
                  <td><PersonLink personId={u.personId} name={u.name} /></td>
                  <td className="tabular">{u.nik}</td>
                  <td className="tabular">{u.previousKpj ?? '—'}</td>
                  <td className="tabular strong">{u.kpj}</td>
                  <td>{dateOrDash(u.memberSince)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={PAGE} total={changing.length} onChange={setOffset} label="Halaman KPJ" />
        </>
      ) : null}
      <div className="action-bar">
        <button type="button" className="button" onClick={onCancel}>Batal</button>
        <button type="button" className="button button-primary" onClick={onApply} disabled={busy || pv.errors.length > 0 || c.matched === 0}>
          {busy ? 'Menyimpan…' : `Simpan ${formatNumber(c.matched)} KPJ`}
        </button>
      </div>
    </section>
  );
}

export function Stat({ value, label, tone }: { value: number; label: string; tone: 'ok' | 'warning' | 'danger' }) {
  return (
    <div className={`card stat stat-small stat-${tone}`}>
      <span className="stat-value">{formatNumber(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

export function ProblemTable({ title, list, testId }: { title: string; list: ImportProblemDto[]; testId: string }) {
  const [offset, setOffset] = useState(0);
  if (list.length === 0) return null;
  return (
    <div className="stack">
      <h3 className="rp-h3">{title} ({formatNumber(list.length)})</h3>
      <table className="simple-table" data-testid={testId}>
        <thead><tr><th className="num">Baris</th><th>Kolom</th><th>Nama</th><th>Pesan</th></tr></thead>
        <tbody>
          {pageOf(list, offset, PAGE).map((p, i) => (
            <tr key={`${p.row}-${p.code}-${i}`}>
              <td className="num">{p.row}</td>
              <td className="nowrap">{p.column ? `${p.column} (${p.columnName})` : '—'}</td>
              <td>{p.name !== undefined ? <PersonLink personId={p.personId} name={p.name} /> : '—'}</td>
              <td className="message-cell">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager offset={offset} limit={PAGE} total={list.length} onChange={setOffset} label={`Halaman ${title}`} />
      <CutNote shown={list.length} total={list.length} />
    </div>
  );
}
