import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { Output, SkPreviewDto } from '../../../../shared/contract/index';
import { useAppInfo } from '../../app-info';
import { asBridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { useProgress } from '../../hooks/use-progress';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes } from '../../format';
import { ColumnEditor } from './ColumnEditor';
import { DecreeFields } from './DecreeFields';
import { ImportDone } from './ImportDone';
import { ReviewStep } from './ReviewStep';
import { UnitStep } from './UnitStep';
import { useUnitChoices } from './unit-choices';
import { TemplateDownload } from './TemplateDownload';
import { ScanField, type ChosenScan } from './ScanField';
import { confirmedForm, emptyDecreeForm, previewInput, type DecreeForm, type Overrides } from './decree-form';
import { useRun } from '../../hooks/use-run';

type Options = Output<'roster.options'>;
type Chosen = NonNullable<Output<'sk.chooseFile'>>;
type Step = 'file' | 'review' | 'done';

const STEPS: { key: Step; label: string }[] = [
  { key: 'file', label: 'Berkas dan data SK' },
  { key: 'review', label: 'Pemeriksaan' },
  { key: 'done', label: 'Selesai' },
];

/** Errors that mean the columns were not understood: the clerk can fix them in the column editor. */
const LAYOUT_ERRORS = new Set(['NO_NIK_COLUMN', 'NO_HEADER']);

export function ImportWizardPage() {
  const bridge = useBridge();
  const options = useLoad(useCallback(() => bridge.call('roster.options', {}), [bridge]));
  return (
    <div className="page">
      <PageHeader title="Impor SK" subtitle="Baca lampiran SK, periksa hasilnya, lalu terapkan ke daftar pegawai. Tidak ada yang disimpan sebelum Anda menekan Terapkan." />
      {/* Units made by one import are offered to the next: the options are read again on restart. */}
      <LoadState load={options}>{(o) => <Wizard options={o} onRestart={options.reload} />}</LoadState>
    </div>
  );
}

function Wizard({ options, onRestart }: { options: Options; onRestart: () => void }) {
  const bridge = useBridge();
  const app = useAppInfo();
  const defaultCategory = String(options.categories.find((c) => c.segment === 'PU')?.id ?? options.categories[0]?.id ?? '');
  const [step, setStep] = useState<Step>('file');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [form, setForm] = useState<DecreeForm>(emptyDecreeForm(defaultCategory));
  const [overrides, setOverrides] = useState<Overrides>({});
  const [preview, setPreview] = useState<SkPreviewDto | null>(null);
  const { busy, error, run } = useRun<'choose' | 'preview' | 'apply'>();
  const [editingColumns, setEditingColumns] = useState(false);
  const [result, setResult] = useState<Output<'sk.apply'> | null>(null);
  // The signed SK's scan, attached right after the SK is applied (an SK record must exist first).
  const [scan, setScan] = useState<ChosenScan | null>(null);
  const [scanResult, setScanResult] = useState<{ ok: boolean; text: string } | null>(null);
  const progress = useProgress(busy === 'preview' ? 'sk.preview' : busy === 'apply' ? 'sk.apply' : null);
  const unitChoices = useUnitChoices(preview);


  const choose = () =>
    run('choose', async () => {
      const file = await bridge.call('sk.chooseFile', {});
      if (!file) return;
      // Another file: nothing read from the previous one applies.
      setChosen(file);
      setForm({ ...emptyDecreeForm(form.categoryId), mode: form.mode });
      setOverrides({});
      setPreview(null);
    });

  const read = (nextOverrides: Overrides = overrides) =>
    run('preview', async () => {
      if (!chosen) return;
      setOverrides(nextOverrides);
      try {
        const pv = await bridge.call('sk.preview', previewInput(chosen.token, form, nextOverrides));
        setPreview(pv);
        setForm(confirmedForm(form, pv));
        setStep('review');
      } catch (e) {
        setPreview(null);
        setStep('file');
        throw e;
      }
    });

  const apply = (skipInvalid: boolean) =>
    run('apply', async () => {
      if (!preview) return;
      const applied = await bridge.call('sk.apply', { previewId: preview.previewId, skipInvalid, ...unitChoices.payload });
      setResult(applied);
      if (scan) {
        try {
          await bridge.call('decree.attachScan', { decreeId: applied.decreeId, token: scan.token });
          setScanResult({ ok: true, text: `Pindaian ${scan.name} dilampirkan pada SK ${applied.number}.` });
        } catch (e) {
          setScanResult({ ok: false, text: `SK sudah diterapkan, tetapi pindaiannya belum tersimpan: ${asBridgeError(e).message} Lampirkan lagi di halaman SK.` });
        }
      }
      setStep('done');
      app.reload();
    });

  const restart = () => {
    setChosen(null);
    setPreview(null);
    setResult(null);
    setScan(null);
    setScanResult(null);
    setOverrides({});
    setForm(emptyDecreeForm(defaultCategory));
    setStep('file');
    onRestart();
  };

  const current = STEPS.findIndex((s) => s.key === step);
  return (
    <div className="stack" data-step={step} data-busy={busy ?? ''}>
      <ol className="stepper" aria-label="Langkah impor">
        {STEPS.map((s, i) => (
          <li key={s.key} className={i === current ? 'step step-current' : i < current ? 'step step-done' : 'step'} aria-current={i === current ? 'step' : undefined}>
            <span className="step-number">{i + 1}</span>
            {s.label}
          </li>
        ))}
      </ol>

      {step === 'file' ? (
        <>
          <section className="card">
            <h2>Berkas lampiran</h2>
            <div className="file-row">
              {chosen ? (
                <div className="file-chip" data-testid="chosen-file">
                  <strong>{chosen.name}</strong>
                  <span className="muted">{formatBytes(chosen.size)}</span>
                </div>
              ) : (
                <span className="muted">Lampiran SK dalam bentuk Excel (.xlsx) atau CSV.</span>
              )}
              <button type="button" className={chosen ? 'button' : 'button button-primary'} onClick={choose} disabled={busy !== null}>
                {chosen ? 'Ganti berkas…' : 'Pilih berkas…'}
              </button>
            </div>
            {chosen ? null : <TemplateDownload />}
          </section>
          <section className="card">
            <h2>Data SK</h2>
            <DecreeFields form={form} onChange={setForm} options={options} />
          </section>
          <section className="card">
            <h2>Pindaian SK</h2>
            <ScanField scan={scan} onChange={setScan} disabled={busy !== null} />
          </section>
          {busy === 'preview' ? <ProgressBar label="Membaca berkas" event={progress} /> : null}
          <ErrorNote error={error} />
          <div className="action-bar">
            <Link to="/sk" className="button">
              Batal
            </Link>
            {error && chosen && LAYOUT_ERRORS.has(error.code) ? (
              <button type="button" className="button" onClick={() => setEditingColumns(true)}>
                Sesuaikan kolom…
              </button>
            ) : null}
            <button type="button" className="button button-primary" onClick={() => read()} disabled={!chosen || busy !== null}>
              {busy === 'preview' ? 'Membaca…' : 'Baca berkas'}
            </button>
          </div>
        </>
      ) : null}

      {step === 'review' && preview ? (
        <ReviewStep
          preview={preview}
          busy={busy}
          progress={progress}
          error={error}
          onBack={() => setStep('file')}
          onAdjustColumns={() => setEditingColumns(true)}
          onApply={apply}
          unitStep={<UnitStep state={unitChoices} opds={options.opds} />}
          unitsPending={unitChoices.pending}
        />
      ) : null}

      {step === 'done' && result ? <ImportDone result={result} onAnother={restart} /> : null}
      {step === 'done' && scanResult ? <Notice tone={scanResult.ok ? 'success' : 'warning'}>{scanResult.text}</Notice> : null}

      {editingColumns && chosen ? (
        <ColumnEditor
          token={chosen.token}
          preview={preview}
          previous={overrides}
          onClose={() => setEditingColumns(false)}
          onApply={(o) => {
            setEditingColumns(false);
            void read(o);
          }}
        />
      ) : null}
    </div>
  );
}
