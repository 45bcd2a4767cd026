import { useState } from 'react';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { ErrorNote, Notice } from '../../components/Notice';
import { RevealButton } from '../../components/RevealButton';

/** The blank SK appendix in the layout Sigap reads best, for OPDs that have yet to write theirs. */
export function TemplateDownload() {
  const bridge = useBridge();
  const [saved, setSaved] = useState<string | null>(null);
  const [savedFile, setSavedFile] = useState<unknown>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [saving, setSaving] = useState(false);

  const download = async () => {
    setError(null);
    setSaving(true);
    try {
      const res = await bridge.call('sk.saveTemplate', {});
      if (res) setSaved(res.path);
      setSavedFile(res);
    } catch (e) {
      setError(asBridgeError(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="stack" data-testid="sk-template">
      <div className="file-row">
        <span className="muted">
          Belum ada lampiran? Unduh templat berisi kolom yang paling mudah dibaca Sigap (kolom NIK sudah berformat Teks) dan
          petunjuk pengisiannya, lalu kirimkan ke OPD.
        </span>
        <button type="button" className="button" onClick={download} disabled={saving}>
          {saving ? 'Menyimpan…' : 'Unduh templat lampiran SK'}
        </button>
      </div>
      {saved ? <Notice tone="success" title="Templat disimpan">{saved}<RevealButton saved={savedFile} /></Notice> : null}
      <ErrorNote error={error} />
    </div>
  );
}
