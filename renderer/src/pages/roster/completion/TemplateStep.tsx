import { useState } from 'react';
import type { Output } from '../../../../../shared/contract/index';
import { useBridge } from '../../../bridge-context';
import { ErrorNote, Notice } from '../../../components/Notice';
import { RevealButton } from '../../../components/RevealButton';
import { formatNumber } from '../../../format';
import { useSubmit } from '../../../hooks/use-run';

type Unit = Output<'roster.options'>['opds'][number];
type Written = NonNullable<Output<'person.completion.template'>>;

/**
 * Step 1: the units whose workbooks to write (one file each, into a folder the clerk chooses). "Semua
 * unit" means every unit with someone engaged today, decided by the core.
 */
export function TemplateStep({ units, onNext }: { units: Unit[]; onNext: () => void }) {
  const bridge = useBridge();
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [filter, setFilter] = useState('');
  const { busy, error, submit } = useSubmit();
  const [written, setWritten] = useState<Written | null>(null);
  const shown = units.filter((u) => `${u.code} ${u.name}`.toLowerCase().includes(filter.trim().toLowerCase()));

  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChosen(next);
  };
  const write = async (all: boolean) => {
    await submit(async () => {
      const r = await bridge.call('person.completion.template', all ? { all: true } : { opdIds: [...chosen] });
      if (r) setWritten(r);
    });
  };

  return (
    <section className="card stack" aria-label="Unduh buku kerja">
      <p>
        Sigap menulis satu berkas Excel per unit kerja berisi pegawai yang aktif hari ini beserta data yang sudah tercatat: nama ibu kandung,
        alamat, kode pos, telepon, surel, status kawin (Y/T), lokasi pekerjaan dan nomor KPJ. Kirim berkas itu ke bendahara OPD; sel yang
        dikosongkan tidak menghapus apa pun.
      </p>
      <div className="toolbar">
        <input type="search" placeholder="Cari unit (kode atau nama)…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Cari unit" />
        <span className="toolbar-spacer" />
        <span className="muted">{formatNumber(chosen.size)} unit dipilih</span>
        <button type="button" className="link-button" onClick={() => setChosen(new Set(shown.map((u) => u.id)))}>
          Pilih semua yang tampil
        </button>
        <button type="button" className="link-button" onClick={() => setChosen(new Set())} disabled={chosen.size === 0}>
          Kosongkan
        </button>
      </div>
      <ul className="completion-units" data-testid="completion-units">
        {shown.map((u) => (
          <li key={u.id}>
            <label>
              <input type="checkbox" checked={chosen.has(u.id)} onChange={() => toggle(u.id)} /> <span className="tabular muted">{u.code}</span> {u.name}
            </label>
          </li>
        ))}
      </ul>
      <ErrorNote error={error} />
      {written ? (
        <Notice tone="success" title={`${formatNumber(written.files.length)} berkas ditulis ke ${written.folder}`}>
          <ul className="completion-written" data-testid="completion-written">
            {written.files.map((f) => (
              <li key={f.path}>
                <span className="tabular">{f.name}</span>: {f.unit}, {formatNumber(f.rows)} pegawai
              </li>
            ))}
          </ul>
          <RevealButton saved={written} />
        </Notice>
      ) : null}
      <div className="action-bar">
        <button type="button" className="button" onClick={() => write(true)} disabled={busy}>
          Semua unit yang berpegawai
        </button>
        <button type="button" className="button button-primary" onClick={() => write(false)} disabled={busy || chosen.size === 0}>
          {busy ? 'Menulis…' : `Unduh ${formatNumber(chosen.size)} buku kerja…`}
        </button>
        <button type="button" className="button" onClick={onNext}>
          Lanjut: baca berkas isian ›
        </button>
      </div>
    </section>
  );
}
