import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { PendingRowDto, PendingStatus } from '../../../../shared/contract/reporting-calls';
import { REPORT_KINDS, type ReportKind } from '../../../../shared/sipp-layouts';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { dateOrDash, formatNumber, formatRupiah } from '../../format';
import { KIND_HELP, KIND_SHORT, STATUS_SHORT } from './reporting-labels';
import { Pager, PersonLink, ProblemList } from './parts';
import { GeneratePanel } from './GeneratePanel';

const PAGE = 50;

/** Perlu dilaporkan: what the branch has not been told, kind by kind, the pre-flight check, and the files. */
export function PendingTab({ kind, onKind }: { kind: ReportKind; onKind: (k: ReportKind) => void }) {
  const bridge = useBridge();
  const [tick, setTick] = useState(0);
  const summary = useLoad(useCallback(() => bridge.call('bpjs.preflight', {}), [bridge]));
  // Checking again reads the roster afresh: the counts and the list below.
  const recheck = () => {
    summary.reload();
    setTick((t) => t + 1);
  };

  return (
    <div className="stack">
      <LoadState load={summary}>
        {(pf) => (
          <>
            {pf.npp ? null : (
              <Notice tone="warning" title="NPP pemberi kerja belum diisi">
                Berkas untuk BPJS memuat NPP. Isi NPP di <Link to="/pengaturan">Pengaturan › Profil Pemda</Link> lebih dulu.
              </Notice>
            )}
            <div className="rp-kinds" role="group" aria-label="Jenis laporan">
              {REPORT_KINDS.map((k) => {
                const s = pf.kinds.find((x) => x.kind === k)!;
                return (
                  <button key={k} type="button" className={k === kind ? 'rp-kind rp-kind-on' : 'rp-kind'} aria-pressed={k === kind} onClick={() => onKind(k)} data-testid={`kind-${k}`}>
                    <span className="rp-kind-title">{KIND_SHORT[k]}</span>
                    <span className="rp-kind-count">{formatNumber(s.pending)}</span>
                    <span className="rp-kind-split">
                      <span className="rp-ok">{formatNumber(s.ready - s.warnedCount)} siap</span>
                      <span className="rp-warn">{formatNumber(s.warnedCount)} peringatan</span>
                      <span className="rp-bad">{formatNumber(s.blockedCount)} terhambat</span>
                    </span>
                  </button>
                );
              })}
            </div>
            <p className="muted small">
              Keadaan daftar pegawai per {dateOrDash(pf.asOf)}
              {pf.npp ? ` · NPP ${pf.npp}` : ''}
              {pf.awaitingKpj > 0 ? ` · ${formatNumber(pf.awaitingKpj)} orang sudah didaftarkan dan menunggu KPJ dari kantor cabang` : ''}.
            </p>
            <GeneratePanel
              key={kind}
              kind={kind}
              summary={pf.kinds.find((x) => x.kind === kind)!}
              canGenerate={pf.npp !== null}
              onDone={recheck}
            />
          </>
        )}
      </LoadState>
      <PendingList key={`${kind}-${tick}`} kind={kind} onRecheck={recheck} />
    </div>
  );
}

function PendingList({ kind, onRecheck }: { kind: ReportKind; onRecheck: () => void }) {
  const bridge = useBridge();
  const [status, setStatus] = useState<PendingStatus>('all');
  const [offset, setOffset] = useState(0);
  const list = useLoad(useCallback(() => bridge.call('bpjs.pending', { kind, status, offset, limit: PAGE }), [bridge, kind, status, offset]));
  const counts = list.data?.counts;
  const all = counts ? counts.ready + counts.warning + counts.blocked : null;

  return (
    <section className="card stack" aria-label={`Daftar ${KIND_SHORT[kind]}`}>
      <div className="toolbar">
        <div>
          <h2 className="rp-h2">{KIND_SHORT[kind]}</h2>
          <p className="muted small">{KIND_HELP[kind]}</p>
        </div>
        <span className="toolbar-spacer" />
        <label className="filter">
          <span>Tampilkan</span>
          <select value={status} onChange={(e) => { setStatus(e.target.value as PendingStatus); setOffset(0); }}>
            <option value="all">Semua{all !== null ? ` (${formatNumber(all)})` : ''}</option>
            {(['blocked', 'warning', 'ready'] as const).map((s) => (
              <option key={s} value={s}>{STATUS_SHORT[s]}{counts ? ` (${formatNumber(counts[s])})` : ''}</option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={onRecheck} title="Setelah data pegawai diperbaiki">
          Periksa ulang
        </button>
      </div>
      <LoadState load={list}>
        {(page) =>
          page.total === 0 ? (
            <p className="muted" data-testid="pending-empty">{status === 'all' ? 'Tidak ada yang perlu dilaporkan untuk jenis ini.' : 'Tidak ada pegawai dengan status ini.'}</p>
          ) : (
            <>
              <div className="table-scroll">
                <table className="simple-table rp-table" data-testid="pending-table">
                  <thead>
                    <tr>
                      <th>Nama</th>
                      <th>NIK / KPJ</th>
                      <th>OPD / desa</th>
                      <th>{kind === 'na' ? 'Berakhir' : kind === 'wage' ? 'Upah' : 'Mulai'}</th>
                      <th>Status</th>
                      <th>Masalah (kolom berkas BPJS)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.rows.map((r) => (
                      <tr key={r.key}>
                        <td><PersonLink personId={r.personId} name={r.name} /></td>
                        <td className="tabular nowrap">{r.nik}{r.kpj ? <div className="muted small">KPJ {r.kpj}</div> : null}</td>
                        <td>{r.opd}{r.npp ? <div className="muted small tabular">NPP {r.npp}</div> : null}</td>
                        <td className="nowrap">{detail(kind, r)}</td>
                        <td><StatusPill status={r.status} /></td>
                        <td><ProblemList problems={r.problems} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager offset={offset} limit={PAGE} total={page.total} onChange={setOffset} label="Halaman daftar pegawai" />
            </>
          )
        }
      </LoadState>
    </section>
  );
}

function detail(kind: ReportKind, r: PendingRowDto): string {
  if (kind === 'na') return `${dateOrDash(r.endDate)}${r.endReason ? ` · ${r.endReason}` : ''}`;
  if (kind === 'wage') return `${r.previousWage !== null ? `${formatRupiah(r.previousWage)} → ` : ''}${formatRupiah(r.wage)}`;
  return dateOrDash(r.startDate);
}

export function StatusPill({ status }: { status: PendingRowDto['status'] }) {
  const tone = status === 'ready' ? 'pill-ok' : status === 'warning' ? 'pill-warning' : 'pill-danger';
  return <span className={`pill pill-small ${tone}`}>{STATUS_SHORT[status]}</span>;
}
