import { useState } from 'react';
import type { SkPreviewDto } from '../../../../shared/contract/index';
import { Tabs } from '../../components/Tabs';
import { formatNumber, formatRupiah } from '../../format';

const SHOWN = 500;
type Part = 'added' | 'removed' | 'changed';

/** What applying the SK does to the roster of its category: who comes, who goes, who moves or earns differently. */
export function DiffView({ preview }: { preview: SkPreviewDto }) {
  const { counts, diff } = preview;
  const [part, setPart] = useState<Part>(counts.added > 0 ? 'added' : counts.changed > 0 ? 'changed' : 'removed');
  const amend = preview.decree?.mode === 'amend';
  const moved = diff.changed.filter((c) => c.moved).length;
  const honor = diff.changed.filter((c) => c.honorChanged).length;
  return (
    <div className="stack" data-testid="diff">
      <div className="stat-row stat-row-compact">
        <Chip label="Ditambahkan" value={counts.added} tone="ok" />
        <Chip label={amend ? 'Diakhiri' : 'Tidak ada di SK ini (diakhiri)'} value={counts.removed} tone={counts.removed > 0 ? 'danger' : undefined} />
        <Chip label={`Berubah (${formatNumber(moved)} pindah, ${formatNumber(honor)} honor)`} value={counts.changed} tone={counts.changed > 0 ? 'warning' : undefined} />
        <Chip label="Tetap" value={diff.unchanged} />
      </div>
      <Tabs
        label="Perubahan"
        active={part}
        onChange={setPart}
        items={[
          { key: 'added', label: 'Ditambahkan', badge: formatNumber(counts.added) },
          { key: 'removed', label: 'Diakhiri', badge: formatNumber(counts.removed) },
          { key: 'changed', label: 'Pindah atau honor berubah', badge: formatNumber(counts.changed) },
        ]}
      />
      <div className="table-scroll table-tall">
        {part === 'changed' ? (
          <table className="simple-table">
            <thead>
              <tr>
                <th>NIK</th>
                <th>Nama</th>
                <th>OPD</th>
                <th className="num">Honor</th>
              </tr>
            </thead>
            <tbody>
              {diff.changed.slice(0, SHOWN).map((c) => (
                <tr key={c.nik}>
                  <td className="tabular">{c.nik}</td>
                  <td>{c.name}</td>
                  <td>{c.moved ? <>{c.fromOpd} → <strong>{c.toOpd}</strong></> : c.toOpd}</td>
                  <td className="num nowrap">{c.honorChanged ? <>{formatRupiah(c.fromHonor)} → <strong>{formatRupiah(c.toHonor)}</strong></> : formatRupiah(c.toHonor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table className="simple-table">
            <thead>
              <tr>
                <th>NIK</th>
                <th>Nama</th>
                <th>OPD</th>
                <th className="num">Honor</th>
              </tr>
            </thead>
            <tbody>
              {diff[part].slice(0, SHOWN).map((p) => (
                <tr key={p.nik}>
                  <td className="tabular">{p.nik}</td>
                  <td>{p.name}</td>
                  <td>{p.opd}</td>
                  <td className="num">{formatRupiah(p.honor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {counts[part] === 0 ? <p className="muted pad">Tidak ada.</p> : null}
      </div>
      {counts[part] > SHOWN ? <p className="muted small">Ditampilkan {formatNumber(SHOWN)} dari {formatNumber(counts[part])}.</p> : null}
    </div>
  );
}

function Chip({ label, value, tone }: { label: string; value: number; tone?: 'ok' | 'warning' | 'danger' }) {
  return (
    <div className={tone ? `stat stat-small stat-${tone}` : 'stat stat-small'}>
      <span className="stat-value">{formatNumber(value)}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
