import type { SkPreviewDto } from '../../../../shared/contract/index';
import { Notice } from '../../components/Notice';
import { dateOrDash, DASH, formatNumber } from '../../format';
import { MODE_LABELS } from '../../labels';

/** The decree as it will be saved, what stops it, and how many rows can go in. */
export function PreviewSummary({ preview }: { preview: SkPreviewDto }) {
  const d = preview.decree;
  return (
    <div className="stack" data-testid="preview-summary">
      {preview.blocking.map((b) => (
        <Notice key={b.code + b.message} tone="danger" title="SK belum dapat diterapkan">
          {b.message}
        </Notice>
      ))}
      <div className="two-columns">
        <section className="card">
          <h3>Data SK</h3>
          <dl className="facts">
            <dt>Nomor</dt>
            <dd className="tabular" data-testid="decree-number">{d?.number ?? preview.title.number ?? DASH}</dd>
            <dt>Tanggal</dt>
            <dd>{dateOrDash(d?.date ?? preview.title.date)}</dd>
            <dt>Tentang</dt>
            <dd>{d?.subject ?? preview.title.subject ?? DASH}</dd>
            <dt>Berlaku</dt>
            <dd>{d ? `${dateOrDash(d.tmtStart)} s.d. ${dateOrDash(d.tmtEnd)}` : dateOrDash(preview.title.tmt)}</dd>
            <dt>Kategori</dt>
            <dd>{d?.category ?? DASH}</dd>
            <dt>Jenis</dt>
            <dd>{d ? MODE_LABELS[d.mode] : DASH}</dd>
          </dl>
        </section>
        <section className="card">
          <h3>Isi lampiran</h3>
          <dl className="facts">
            <dt>Berkas</dt>
            <dd>{preview.file}</dd>
            <dt>Baris pegawai</dt>
            <dd>{formatNumber(preview.rows)}</dd>
            <dt>Sah</dt>
            <dd data-testid="accepted-count">{formatNumber(preview.accepted)}</dd>
            <dt>Ditolak</dt>
            <dd>{preview.counts.rejected > 0 ? <span className="pill pill-danger">{formatNumber(preview.counts.rejected)}</span> : '0'}</dd>
            <dt>Peringatan</dt>
            <dd>{preview.counts.warnings > 0 ? <span className="pill pill-warning">{formatNumber(preview.counts.warnings)}</span> : '0'}</dd>
          </dl>
        </section>
      </div>
      {preview.newUnits.length > 0 ? (
        <Notice tone="info" title={`${formatNumber(preview.newUnits.length)} nama unit kerja perlu dipastikan`}>
          {preview.newUnits.join(', ')}. Pilih unit yang ada atau buat unit baru di bagian Unit kerja di atas; unit baru hanya dibuat bila Anda memintanya.
        </Notice>
      ) : null}
    </div>
  );
}
