import { useCallback, useState } from 'react';
import type { RateParamDto, RatesDto } from '../../../../shared/contract/billing-calls';
import type { RateParamKey } from '../../../../shared/billing-types';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { Dialog } from '../../components/Dialog';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatMonthId, formatRupiah } from '../../format';
import { CONFIDENCE_LABELS, formatRateValue, rateGroup } from './billing-labels';
import { RateDialog } from './RateDialog';
import { BracketDialog } from './BracketDialog';
import { rowInForce } from './rate-value';
import '../../styles/billing.css';
import { useCan } from '../../session/session';
import { useSubmit } from '../../hooks/use-run';

/** Pengaturan > Tarif iuran: the dated, cited rate tables, a new dated row, a future row deleted, BPU brackets. */
export function RatesSettings() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('rates.list', {}), [bridge]));
  const [adding, setAdding] = useState<{ key?: string } | null>(null);
  const [brackets, setBrackets] = useState(false);
  const [deleting, setDeleting] = useState<RateParamDto | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const canSave = useCan('rates.save');
  const canDelete = useCan('rates.delete');
  const canBrackets = useCan('rates.saveBrackets');
  const done = (msg: string) => {
    setAdding(null);
    setBrackets(false);
    setDeleting(null);
    setSaved(msg);
    load.reload();
  };

  return (
    <div className="stack rates-settings">
      <div className="toolbar">
        <p className="muted rates-lead">
          Setiap tarif berlaku sejak bulan tertentu dan menyebut dasar hukumnya. Untuk perubahan tarif, tambahkan baris baru yang berlaku sejak bulan perubahan; baris lama tetap
          dipakai untuk bulan-bulan sebelumnya. Tagihan yang sudah terbit menyimpan salinan tarifnya sendiri dan <strong>tidak berubah</strong> karena tarif diubah.
        </p>
        <span className="toolbar-spacer" />
        {canSave ? <button type="button" className="button button-primary" onClick={() => { setSaved(null); setAdding({}); }}>+ Tambah tarif berlaku</button> : null}
      </div>
      {saved ? <Notice tone="success" title={saved} /> : null}
      <LoadState load={load}>
        {(r) => (
          <>
            {groups(r).map(([group, rows]) => (
              <section key={group} className="card card-flush" data-testid="rate-group" data-group={group}>
                <h3 className="rate-group-title">{group}</h3>
                <table className="simple-table rate-table">
                  <colgroup>
                    <col className="rate-col-label" />
                    <col className="rate-col-month" />
                    <col className="rate-col-value" />
                    <col />
                    <col className="rate-col-actions" />
                  </colgroup>
                  <thead>
                    <tr>
                      <th>Tarif</th>
                      <th>Berlaku sejak</th>
                      <th className="num">Nilai</th>
                      <th>Sumber</th>
                      <th><span className="sr-only">Tindakan</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((p) => {
                      const future = p.effectiveMonth > r.currentMonth;
                      const inForce = isInForce(r, p);
                      return (
                        <tr key={`${p.key}:${p.effectiveMonth}`} data-key={p.key} data-month={p.effectiveMonth} className={inForce ? 'rate-in-force' : future ? 'rate-future' : 'rate-past'}>
                          <td>
                            {p.label}
                            {p.estimate ? <span className="pill pill-small pill-warning">perkiraan</span> : null}
                          </td>
                          <td className="nowrap">
                            {formatMonthId(p.effectiveMonth)}
                            <div className="small muted">{inForce ? 'berlaku sekarang' : future ? 'akan berlaku' : 'riwayat'}</div>
                          </td>
                          <td className="num nowrap strong">{formatRateValue(p.unit, p.value)}</td>
                          <td>
                            {p.source} <span className="muted small">(keyakinan {CONFIDENCE_LABELS[p.confidence]})</span>
                            {p.note ? <div className="muted small">{p.note}</div> : null}
                          </td>
                          <td className="nowrap">
                            {canSave ? <button type="button" className="link-button" onClick={() => { setSaved(null); setAdding({ key: p.key }); }} aria-label={`Tambah tarif baru untuk ${p.label}`}>
                              Tarif baru
                            </button> : null}
                            {future && canDelete ? (
                              <>
                                {' · '}
                                <button type="button" className="link-button" onClick={() => setDeleting(p)} aria-label={`Hapus ${p.label} berlaku ${formatMonthId(p.effectiveMonth)}`}>
                                  Hapus
                                </button>
                              </>
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </section>
            ))}
            <section className="card card-flush" data-testid="bpu-brackets">
              <div className="toolbar rate-group-title">
                <h3>Golongan penghasilan BPU</h3>
                <span className="toolbar-spacer" />
                {canBrackets ? <button type="button" className="button" onClick={() => { setSaved(null); setBrackets(true); }}>+ Tabel golongan baru</button> : null}
              </div>
              <p className="muted small pad">Iuran BPU dihitung dari penghasilan yang dilaporkan menurut golongan: penghasilan sebenarnya masuk golongan tertinggi yang batas bawahnya tidak melebihi penghasilan itu.</p>
              <table className="simple-table">
                <thead>
                  <tr>
                    <th>Berlaku sejak</th>
                    <th>Golongan (penghasilan mulai → dasar iuran)</th>
                    <th>Sumber</th>
                  </tr>
                </thead>
                <tbody>
                  {r.brackets.map((s) => (
                    <tr key={s.effectiveMonth}>
                      <td className="nowrap">{formatMonthId(s.effectiveMonth)}</td>
                      <td>
                        {s.brackets.map((b) => (
                          <div key={b.incomeFrom} className="tabular">{formatRupiah(b.incomeFrom)} → {formatRupiah(b.declaredIncome)}</div>
                        ))}
                      </td>
                      <td>{s.source} <span className="muted small">(keyakinan {CONFIDENCE_LABELS[s.confidence]})</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            {adding ? <RateDialog rates={r} initialKey={adding.key} onClose={() => setAdding(null)} onSaved={done} /> : null}
            {brackets ? <BracketDialog rates={r} onClose={() => setBrackets(false)} onSaved={done} /> : null}
            {deleting ? <DeleteDialog row={deleting} onClose={() => setDeleting(null)} onDeleted={done} /> : null}
          </>
        )}
      </LoadState>
    </div>
  );
}

function groups(r: RatesDto): [string, RateParamDto[]][] {
  const out = new Map<string, RateParamDto[]>();
  for (const p of r.params) {
    const g = rateGroup(p.key);
    out.set(g, [...(out.get(g) ?? []), p]);
  }
  return [...out.entries()].sort(([a], [b]) => GROUP_ORDER.indexOf(a) - GROUP_ORDER.indexOf(b));
}

const GROUP_ORDER = [
  'JKK (PU) menurut kelas risiko', 'JKM (PU)', 'JHT (PU)', 'JP (PU) dan batas upahnya', 'Upah yang dilaporkan', 'BPU (pekerja rentan)',
  'Jatuh tempo', 'Denda keterlambatan (perkiraan)', 'Aturan penagihan',
];

/** Whether `p` is the row of its key in force this month. */
function isInForce(r: RatesDto, p: RateParamDto): boolean {
  return rowInForce(r.params, p.key, r.currentMonth)?.effectiveMonth === p.effectiveMonth;
}

function DeleteDialog({ row, onClose, onDeleted }: { row: RateParamDto; onClose: () => void; onDeleted: (msg: string) => void }) {
  const bridge = useBridge();
  const { busy, error, submit: send } = useSubmit();
  const submit = async () => {
    await send(async () => {
      await bridge.call('rates.delete', { key: row.key as RateParamKey, effectiveMonth: row.effectiveMonth });
      onDeleted(`Tarif ${row.label} yang akan berlaku ${formatMonthId(row.effectiveMonth)} dihapus`);
    });
  };
  return (
    <Dialog title="Hapus tarif yang akan berlaku" onClose={onClose} onSubmit={() => void submit()} submitLabel="Hapus" danger busy={busy}>
      <p>
        {row.label}: {formatRateValue(row.unit, row.value)} berlaku sejak {formatMonthId(row.effectiveMonth)} akan dihapus. Bulan itu dan sesudahnya kembali memakai tarif yang berlaku sebelumnya.
      </p>
      <ErrorNote error={error} />
    </Dialog>
  );
}
