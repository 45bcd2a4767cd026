import { useState, type ReactNode } from 'react';
import type { ProgressEvent, SkPreviewDto } from '../../../../shared/contract/index';
import type { BridgeError } from '../../bridge';
import { ErrorNote } from '../../components/Notice';
import { ProgressBar } from '../../components/ProgressBar';
import { Tabs } from '../../components/Tabs';
import { formatNumber } from '../../format';
import { DiffView } from './DiffView';
import { PreviewSummary } from './PreviewSummary';
import { ProblemTable } from './ProblemTable';
import { SheetLayouts } from './SheetLayouts';

type Tab = 'summary' | 'columns' | 'problems' | 'diff';

interface Props {
  preview: SkPreviewDto;
  busy: 'choose' | 'preview' | 'apply' | null;
  progress: ProgressEvent | null;
  error: BridgeError | null;
  onBack: () => void;
  onAdjustColumns: () => void;
  onApply: (skipInvalid: boolean) => void;
  /** The Unit kerja section (UnitStep) and how many unit names it still waits for. */
  unitStep?: ReactNode;
  unitsPending?: number;
}

/** Step 2: everything the clerk should see before the roster changes, then the one button that changes it. */
export function ReviewStep({ preview, busy, progress, error, onBack, onAdjustColumns, onApply, unitStep, unitsPending = 0 }: Props) {
  const { counts } = preview;
  const [tab, setTab] = useState<Tab>(counts.rejected > 0 && preview.blocking.length === 0 ? 'problems' : 'summary');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const blocked = preview.blocking.length > 0 || preview.decree === null;
  const changes = counts.added + counts.removed + counts.changed;
  const canApply = !blocked && preview.accepted > 0 && (counts.rejected === 0 || skipInvalid) && unitsPending === 0 && busy === null;

  return (
    <div className="stack" data-testid="review" data-preview-id={preview.previewId}>
      {unitStep}
      <Tabs
        label="Hasil pemeriksaan"
        active={tab}
        onChange={setTab}
        items={[
          { key: 'summary', label: 'Ringkasan', ...(blocked ? { badge: '!', alert: true } : {}) },
          { key: 'columns', label: 'Kolom dan sheet', badge: preview.sheets.length },
          { key: 'problems', label: 'Baris bermasalah', badge: formatNumber(counts.rejected + counts.warnings), alert: counts.rejected > 0 },
          { key: 'diff', label: 'Perubahan daftar pegawai', badge: formatNumber(changes) },
        ]}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'summary' ? <PreviewSummary preview={preview} /> : null}
        {tab === 'columns' ? <SheetLayouts preview={preview} onAdjust={onAdjustColumns} /> : null}
        {tab === 'problems' ? <ProblemTable preview={preview} /> : null}
        {tab === 'diff' ? <DiffView preview={preview} /> : null}
      </div>

      {busy === 'apply' || busy === 'preview' ? <ProgressBar label={busy === 'apply' ? 'Menerapkan SK' : 'Membaca berkas'} event={progress} /> : null}
      <ErrorNote error={error} />
      <div className="action-bar">
        <button type="button" className="button" onClick={onBack} disabled={busy !== null}>
          ← Ubah data SK
        </button>
        {counts.rejected > 0 && !blocked ? (
          <label className="checkbox">
            <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
            Terapkan baris yang sah saja ({formatNumber(preview.accepted)} baris); {formatNumber(counts.rejected)} baris ditolak tidak disimpan
          </label>
        ) : null}
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={() => onApply(skipInvalid)} disabled={!canApply}>
          {busy === 'apply' ? 'Menerapkan…' : 'Terapkan SK'}
        </button>
      </div>
      {blocked ? <p className="muted small align-end">Selesaikan masalah di Ringkasan sebelum menerapkan.</p> : null}
      {!blocked && unitsPending > 0 ? <p className="muted small align-end">Pastikan {formatNumber(unitsPending)} nama unit di bagian Unit kerja sebelum menerapkan.</p> : null}
    </div>
  );
}
