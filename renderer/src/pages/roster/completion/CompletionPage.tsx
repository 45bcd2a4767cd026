import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { Output } from '../../../../../shared/contract/index';
import type { CompletionPreviewDto } from '../../../../../shared/contract/person-calls';
import { useBridge } from '../../../bridge-context';
import { useLoad } from '../../../hooks/use-load';
import { useProgress } from '../../../hooks/use-progress';
import { LoadState } from '../../../components/LoadState';
import { ErrorNote, Notice } from '../../../components/Notice';
import { PageHeader } from '../../../components/PageHeader';
import { ProgressBar } from '../../../components/ProgressBar';
import { formatBytes, formatNumber } from '../../../format';
import { TemplateStep } from './TemplateStep';
import { CompletionPreview } from './CompletionPreview';
import '../../../styles/completion.css';
import { useRun } from '../../../hooks/use-run';

type Step = 'template' | 'read' | 'done';
type Chosen = NonNullable<Output<'person.completion.chooseFile'>>;
type Applied = Output<'person.completion.apply'>;

const STEPS: { key: Step; label: string }[] = [
  { key: 'template', label: 'Unduh buku kerja' },
  { key: 'read', label: 'Baca isian dan periksa' },
  { key: 'done', label: 'Terapkan' },
];

/** Pegawai › Lengkapi data pegawai: workbooks out to the OPD treasurers, the filled ones read back. */
export function CompletionPage() {
  const bridge = useBridge();
  const options = useLoad(useCallback(() => bridge.call('roster.options', {}), [bridge]));
  return (
    <div className="page">
      <PageHeader
        title="Lengkapi data pegawai"
        subtitle="Data yang diminta berkas BPJS (nama ibu kandung, alamat, kode pos, status kawin, ...) diisi bendahara OPD di Excel, lalu dibaca kembali. Tidak ada yang disimpan sebelum Anda menekan Terapkan."
        actions={<Link to="/pegawai" className="button">‹ Kembali ke Pegawai</Link>}
      />
      <LoadState load={options}>{(o) => <Wizard units={o.opds} />}</LoadState>
    </div>
  );
}

function Wizard({ units }: { units: Output<'roster.options'>['opds'] }) {
  const bridge = useBridge();
  const [step, setStep] = useState<Step>('template');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [preview, setPreview] = useState<CompletionPreviewDto | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { busy, error, setError, run } = useRun<'read' | 'apply'>();
  const [applied, setApplied] = useState<Applied | null>(null);
  const progress = useProgress(busy === 'read' ? 'person.completion.preview' : null);
  const current = STEPS.findIndex((s) => s.key === step);

  const choose = () =>
    run('read', async () => {
      const f = await bridge.call('person.completion.chooseFile', {});
      if (!f) return;
      setChosen(f);
      setPreview(null);
      setSkipInvalid(false);
      setPreview(await bridge.call('person.completion.preview', { token: f.token }));
    });
  const apply = () =>
    run('apply', async () => {
      if (!preview) return;
      setApplied(await bridge.call('person.completion.apply', { previewId: preview.previewId, skipInvalid }));
      setStep('done');
    });
  const restart = () => {
    setChosen(null);
    setPreview(null);
    setApplied(null);
    setError(null);
    setStep('read');
  };

  return (
    <div className="stack" data-step={step} data-busy={busy ?? ''}>
      <ol className="stepper" aria-label="Langkah Lengkapi data pegawai">
        {STEPS.map((s, i) => (
          <li key={s.key} className={i === current ? 'step step-current' : i < current ? 'step step-done' : 'step'} aria-current={i === current ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span>
            <span className="step-label">{s.label}</span>
          </li>
        ))}
      </ol>
      {step === 'template' ? <TemplateStep units={units} onNext={() => setStep('read')} /> : null}
      {step === 'read' ? (
        <section className="card stack" aria-label="Baca berkas isian">
          <div className="file-row">
            {chosen ? (
              <div className="file-chip" data-testid="chosen-file">
                <strong>{chosen.name}</strong> <span className="muted">{formatBytes(chosen.size)}</span>
              </div>
            ) : (
              <span className="muted">Berkas yang diisi bendahara: buku kerja dari langkah 1, daftar pegawai dari Unduh Excel, atau daftar sendiri dengan kolom NIK (.xlsx, .xls, .ods, .csv).</span>
            )}
            <button type="button" className={chosen ? 'button' : 'button button-primary'} onClick={choose} disabled={busy !== null}>
              {chosen ? 'Pilih berkas lain…' : 'Pilih berkas isian…'}
            </button>
          </div>
          {busy === 'read' ? <ProgressBar label="Membaca berkas" event={progress} /> : null}
          {preview ? <CompletionPreview pv={preview} /> : null}
          {preview && preview.errors > 0 ? (
            <Notice tone="warning" title={`${formatNumber(preview.errors)} masalah di berkas`}>
              <p>Perbaiki berkasnya lalu pilih lagi, atau terapkan tanpa sel yang salah dan isian yang bertentangan (data itu tetap seperti sekarang).</p>
              <label>
                <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="skip-invalid" /> Terapkan tanpa sel-sel itu
              </label>
            </Notice>
          ) : null}
          {/* Beside the buttons: a refused apply (a stale preview) is read where the clerk clicked. */}
          <ErrorNote error={error} />
          <div className="action-bar">
            <button type="button" className="button" onClick={() => setStep('template')} disabled={busy !== null}>
              ‹ Unduh buku kerja
            </button>
            {preview ? (
              <button
                type="button"
                className="button button-primary"
                onClick={apply}
                disabled={busy !== null || preview.counts.people === 0 || (preview.errors > 0 && !skipInvalid)}
              >
                {busy === 'apply' ? 'Menerapkan…' : `Terapkan ${formatNumber(preview.fieldsChanged)} isian (${formatNumber(preview.counts.people)} pegawai)`}
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
      {step === 'done' && applied && preview ? (
        <section className="card stack" aria-label="Selesai" data-testid="completion-done">
          <Notice tone="success" title="Data pegawai diperbarui">
            <span data-testid="completion-applied">
              {formatNumber(applied.fields)} isian pada {formatNumber(applied.persons)} pegawai dari berkas {preview.file} disimpan. Setiap perubahan tercatat di
              jejak audit pegawai itu.
            </span>
          </Notice>
          {preview.counts.unknown > 0 || preview.errors > 0 ? (
            <p className="muted">
              Tidak diubah: {formatNumber(preview.counts.unknown)} NIK tidak terdaftar, {formatNumber(preview.errors)} sel atau isian bermasalah. Minta bendahara
              memperbaikinya dan baca berkasnya lagi.
            </p>
          ) : null}
          <div className="action-bar">
            <Link to="/pelaporan" className="button">Periksa kesiapan berkas BPJS</Link>
            <button type="button" className="button button-primary" onClick={restart}>
              Baca berkas isian lain
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
