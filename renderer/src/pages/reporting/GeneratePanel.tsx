import { useCallback, useId, useState } from 'react';
import type { ExportResultDto, KindSummaryDto } from '../../../../shared/contract/reporting-calls';
import { FUNDING_CODES, REPORT_KIND_LABELS, type FundingCode, type ReportKind } from '../../../../shared/sipp-layouts';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { useProgress } from '../../hooks/use-progress';
import { ErrorNote, Notice } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatNumber } from '../../format';
import { FUNDING_LABELS, shortHash } from './reporting-labels';
import { CutNote, Pager, PersonLink, ProblemList, pageOf } from './parts';
import { ProfileWarnings } from './ProfilesTab';
import { RequiredMissingLines } from './RequiredFill';
import { useCan } from '../../session/session-context';
import { RevealButton } from '../../components/RevealButton';
import { useSubmit } from '../../hooks/use-run';

const SKIPPED_PAGE = 25;

/** Buat berkas: profile, options, the folder, a progress bar, and what was written and left out. */
export function GeneratePanel({ kind, summary, canGenerate, onDone }: { kind: ReportKind; summary: KindSummaryDto; canGenerate: boolean; onDone: () => void }) {
  const bridge = useBridge();
  const profiles = useLoad(useCallback(() => bridge.call('bpjs.profiles', {}), [bridge]));
  const [profile, setProfile] = useState('');
  const [includeIncomplete, setIncludeIncomplete] = useState(false);
  const [funding, setFunding] = useState<FundingCode>('SD');
  const { busy, error, setError, submit } = useSubmit();
  const [result, setResult] = useState<ExportResultDto | null>(null);
  const progress = useProgress(busy ? 'bpjs.export' : null);
  const ids = { profile: useId(), incomplete: useId(), funding: useId() };
  const canFill = useCan('bpjs.fillRequired');

  // With a clerk's profile the pre-flight is run again for it (its constants and required marks differ).
  const checked = useLoad(useCallback(() => (profile ? bridge.call('bpjs.profileCheck', { kind, profile }) : Promise.resolve(null)), [bridge, kind, profile]));
  const counts = profile ? checked.data : summary;
  const rows = counts ? counts.ready + (includeIncomplete ? counts.blockedCount : 0) : 0;
  const ofKind = (profiles.data ?? []).filter((p) => p.kind === kind);
  // The chosen profile's remarks (e.g. STATUS_KAWIN left empty), once for the batch; the preflight's before the list loads.
  const chosen = profile ? ofKind.find((p) => p.name === profile) : ofKind.find((p) => p.builtin);
  const profileWarnings = chosen ? (chosen.warnings ?? []) : (summary.profileWarnings ?? []);

  const generate = async () => {
    setError(null);
    setResult(null);
    await submit(async () => {
      const r = await bridge.call('bpjs.export', {
        kind, includeIncomplete, ...(profile ? { profile } : {}), ...(kind === 'bpu' ? { villageFunding: funding } : {}),
      });
      if (r) {
        setResult(r);
        onDone();
      }
    });
  };

  return (
    <section className="card stack" aria-label="Buat berkas" data-testid="generate">
      <div className="toolbar rp-generate">
        <div className="field">
          <label htmlFor={ids.profile}>Profil templat</label>
          <select id={ids.profile} value={profile} onChange={(e) => setProfile(e.target.value)}>
            <option value="">Bawaan ({ofKind.find((p) => p.builtin)?.sheetName ?? '…'})</option>
            {ofKind.filter((p) => !p.builtin).map((p) => (
              <option key={p.name} value={p.name}>{p.name} (sheet {p.sheetName})</option>
            ))}
          </select>
        </div>
        {kind === 'bpu' ? (
          <div className="field">
            <label htmlFor={ids.funding}>Sumber dana peserta desa</label>
            <select id={ids.funding} value={funding} onChange={(e) => setFunding(e.target.value as FundingCode)} aria-describedby={`${ids.funding}-hint`}>
              {FUNDING_CODES.map((c) => <option key={c} value={c}>{FUNDING_LABELS[c]}</option>)}
            </select>
            <small id={`${ids.funding}-hint`} className="hint">Peserta dari OPD selalu SG.</small>
          </div>
        ) : null}
        <div className="field rp-incomplete">
          <label className="checkbox" htmlFor={ids.incomplete}>
            <input id={ids.incomplete} type="checkbox" checked={includeIncomplete} onChange={(e) => setIncludeIncomplete(e.target.checked)} aria-describedby={`${ids.incomplete}-hint`} />
            Sertakan data yang belum lengkap
          </label>
          <small id={`${ids.incomplete}-hint`} className="hint">
            Biasanya hanya pegawai yang lolos pemeriksaan yang ditulis. Centang bila kantor cabang menerima baris tidak lengkap
            ({formatNumber(counts?.blockedCount ?? 0)} orang terhambat); portal SIPP dapat menolak baris tersebut.
          </small>
        </div>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={generate} disabled={busy || !canGenerate || rows === 0} aria-busy={busy}>
          {busy ? 'Membuat berkas…' : `Pilih folder dan buat berkas (${formatNumber(rows)} baris)`}
        </button>
      </div>
      {counts && !result ? (
        <RequiredMissingLines kind={kind} lines={counts.requiredMissing ?? []} {...(profile ? { profile } : {})} canFill={canFill} onFilled={() => { checked.reload(); onDone(); }} />
      ) : null}
      {profileWarnings.length > 0 && !result ? <ProfileWarnings warnings={profileWarnings} /> : null}
      {busy ? <ProgressBar label="Membuat berkas" event={progress} /> : null}
      <ErrorNote error={error} />
      {result ? <ExportResult result={result} /> : null}
    </section>
  );
}

function ExportResult({ result }: { result: ExportResultDto }) {
  const [offset, setOffset] = useState(0);
  if (result.files.length === 0) {
    return (
      <Notice tone="warning" title="Tidak ada berkas yang dibuat">
        Tidak ada pegawai yang lolos pemeriksaan. Perbaiki data di bawah, atau centang “Sertakan data yang belum lengkap”.
      </Notice>
    );
  }
  return (
    <div className="stack" data-testid="export-result">
      <Notice tone="success" title={`${formatNumber(result.rows)} baris ditulis ke ${formatNumber(result.files.length)} berkas (${result.batches.length > 1 ? result.batches.map((b) => `batch ${b.batchId} untuk NPP ${b.npp}`).join(', ') : `batch ${result.batchId}`})`}>
        {REPORT_KIND_LABELS[result.kind]}, profil {result.profile}, di folder <code>{result.folder}</code>.
        {result.incomplete > 0 ? ` ${formatNumber(result.incomplete)} baris belum lengkap ikut ditulis.` : ''} Unggah berkas ini di SIPP Online tanpa mengganti namanya.
        <RevealButton saved={result} />
      </Notice>
      {result.warnings && result.warnings.length > 0 ? <ProfileWarnings warnings={result.warnings} /> : null}
      <table className="simple-table" data-testid="export-files">
        <thead>
          <tr><th>Berkas</th><th className="num">Baris</th><th className="num">Ukuran</th><th>SHA-256</th></tr>
        </thead>
        <tbody>
          {result.files.map((f) => (
            <tr key={f.name}>
              <td>{f.name}</td>
              <td className="num">{formatNumber(f.rows)}</td>
              <td className="num">{formatBytes(f.bytes)}</td>
              <td className="tabular" title={f.sha256}>{shortHash(f.sha256)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.skippedCount > 0 ? (
        <div className="stack">
          <h3 className="rp-h3">{formatNumber(result.skippedCount)} orang tidak ditulis karena datanya belum lengkap</h3>
          <table className="simple-table" data-testid="export-skipped">
            <thead><tr><th>Nama</th><th>NIK</th><th>OPD / desa</th><th>Masalah</th></tr></thead>
            <tbody>
              {pageOf(result.skipped, offset, SKIPPED_PAGE).map((p) => (
                <tr key={p.key}>
                  <td><PersonLink personId={p.personId} name={p.name} /></td>
                  <td className="tabular">{p.nik}</td>
                  <td>{p.opd}</td>
                  <td><ProblemList problems={p.problems} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager offset={offset} limit={SKIPPED_PAGE} total={result.skipped.length} onChange={setOffset} label="Halaman pegawai yang tidak ditulis" />
          <CutNote shown={result.skipped.length} total={result.skippedCount} />
        </div>
      ) : null}
    </div>
  );
}
