import { useCallback, useState } from 'react';
import type { AuditFilterDto, AuditRowDto } from '../../../../shared/contract/security-calls';
import { parseDateText } from '../../../../shared/dates';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { DateInput } from '../../components/DateInput';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { useLoad } from '../../hooks/use-load';
import { DASH, formatNumber, formatTimestamp, officeZone } from '../../format';
import { actorLabel } from '../../labels';
import { changesOf } from '../roster/AuditTrail';
import { RevealButton } from '../../components/RevealButton';

const PAGE = 50;

const ACTIONS: Record<string, string> = { create: 'Dibuat', update: 'Diubah', end: 'Diakhiri', import: 'Impor', delete: 'Dihapus' };
/** What the audit's entity codes mean to the office. */
const ENTITY_WORDS: Record<string, string> = {
  person: 'Data pribadi', engagement: 'Keterlibatan', decree: 'SK', opd: 'OPD', employer: 'Profil Pemda', user: 'Pengguna',
  backup: 'Cadangan', setting: 'Pengaturan', rate: 'Tarif', invoice: 'Tagihan', payment: 'Pembayaran', billing: 'Iuran', category: 'Kategori pegawai',
  decree_attachment: 'Pindaian SK',
};
const entityLabel = (e: string) => ENTITY_WORDS[e] ?? e;

interface Form {
  entity: string;
  actor: string;
  from: string;
  to: string;
  search: string;
}
const EMPTY: Form = { entity: '', actor: '', from: '', to: '', search: '' };

function toFilter(f: Form): AuditFilterDto {
  const from = f.from.trim() ? parseDateText(f.from) : null;
  const to = f.to.trim() ? parseDateText(f.to) : null;
  return {
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.actor ? { actor: f.actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(f.search.trim() ? { search: f.search.trim() } : {}),
  };
}

/** Pengaturan › Jejak audit: who changed what and when, filterable, paged, exportable to Excel. */
export function AuditSection() {
  const bridge = useBridge();
  const [form, setForm] = useState<Form>(EMPTY);
  const [applied, setApplied] = useState<AuditFilterDto>({});
  const [offset, setOffset] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [exportedFile, setExportedFile] = useState<unknown>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const load = useLoad(useCallback(() => bridge.call('audit.list', { ...applied, offset, limit: PAGE }), [bridge, applied, offset]));
  const apply = () => {
    setApplied(toFilter(form));
    setOffset(0);
    setOpen(null);
  };
  const exportXlsx = async () => {
    setError(null);
    setExported(null);
    try {
      const r = await bridge.call('audit.export', applied);
      if (r) setExported(`${formatNumber(r.rows)} baris disimpan ke ${r.path}.`);
      setExportedFile(r);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  return (
    <div className="stack">
      <form
        className="card audit-filter"
        aria-label="Saring jejak audit"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <FormField label="Jenis data">
          <select value={form.entity} onChange={(e) => setForm({ ...form, entity: e.target.value })}>
            <option value="">Semua</option>
            {(load.data?.entities ?? []).map((x) => (
              <option key={x} value={x}>
                {entityLabel(x)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Pengguna">
          <select value={form.actor} onChange={(e) => setForm({ ...form, actor: e.target.value })}>
            <option value="">Semua</option>
            {(load.data?.actors ?? []).map((x) => (
              <option key={x} value={x}>
                {actorLabel(x)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Dari tanggal">
          <DateInput value={form.from} onChange={(v) => setForm({ ...form, from: v })} />
        </FormField>
        <FormField label="Sampai tanggal">
          <DateInput value={form.to} onChange={(v) => setForm({ ...form, to: v })} />
        </FormField>
        <FormField label="Cari teks" hint="Nama, NIK, nomor SK… di ringkasan dan isi perubahan.">
          <input value={form.search} onChange={(e) => setForm({ ...form, search: e.target.value })} type="search" />
        </FormField>
        <div className="audit-filter-buttons">
          <button type="submit" className="button button-primary">
            Terapkan
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setForm(EMPTY);
              setApplied({});
              setOffset(0);
            }}
          >
            Hapus saringan
          </button>
        </div>
      </form>
      {exported ? <Notice tone="success" title="Jejak audit diekspor">{exported}<RevealButton saved={exportedFile} /></Notice> : null}
      <ErrorNote error={error} />
      <LoadState load={load}>
        {(page) => (
          <section className="card card-flush" data-state={load.loading ? 'loading' : 'ready'}>
            <div className="toolbar audit-toolbar">
              <span data-testid="audit-count">
                {page.total === 0 ? 'Tidak ada catatan' : `${formatNumber(offset + 1)}–${formatNumber(offset + page.rows.length)} dari ${formatNumber(page.total)} catatan`}
              </span>
              <span className="toolbar-spacer" />
              <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                ‹ Sebelumnya
              </button>
              <button type="button" className="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                Berikutnya ›
              </button>
              <button type="button" className="button" onClick={() => void exportXlsx()} disabled={page.total === 0}>
                Ekspor ke Excel
              </button>
            </div>
            <table className="simple-table audit-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th>Waktu ({officeZone()})</th>
                  <th>Pengguna</th>
                  <th>Tindakan</th>
                  <th>Ringkasan</th>
                  <th>
                    <span className="sr-only">Rincian</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((r) => (
                  <AuditRowView key={r.id} row={r} open={open === r.id} onToggle={() => setOpen(open === r.id ? null : r.id)} />
                ))}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
    </div>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return DASH;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function AuditRowView({ row, open, onToggle }: { row: AuditRowDto; open: boolean; onToggle: () => void }) {
  const changes = changesOf(row.before, row.after);
  const hasDetail = row.before !== null || row.after !== null;
  return (
    <>
      <tr>
        <td className="nowrap">{formatTimestamp(row.at)}</td>
        <td>{actorLabel(row.actor)}</td>
        <td className="nowrap">
          {ACTIONS[row.action] ?? row.action} · {entityLabel(row.entity)}
          {row.entityId !== null ? <span className="muted small"> #{row.entityId}</span> : null}
        </td>
        <td>{row.summary ?? DASH}</td>
        <td>
          {hasDetail ? (
            <button type="button" className="link-button" aria-expanded={open} onClick={onToggle}>
              {open ? 'Tutup' : 'Rincian'}
            </button>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr className="audit-detail">
          <td colSpan={5}>
            {changes.length > 0 ? (
              <table className="audit-diff">
                <thead>
                  <tr>
                    <th>Kolom</th>
                    <th>Sebelum</th>
                    <th>Sesudah</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.field}>
                      <th scope="row">{c.field}</th>
                      <td className="diff-before">{c.before}</td>
                      <td className="diff-after">{c.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <dl className="audit-values">
                {Object.entries(typeof (row.after ?? row.before) === "object" ? ((row.after ?? row.before) as Record<string, unknown>) : { nilai: row.after ?? row.before }).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{show(v)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
