import { useCallback, useRef, useState } from 'react';
import type { PrintedHtml, SavedPdf } from '../../../../shared/contract/print-calls';
import { PAPER_LABELS, type Paper } from '../../../../shared/paper';
import { useLoad } from '../../hooks/use-load';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatBytes } from '../../format';
import { RevealButton } from '../../components/RevealButton';
import { useSubmit } from '../../hooks/use-run';


interface Props {
  title: string;
  preview: (paper: Paper) => Promise<PrintedHtml>;
  save: (paper: Paper) => Promise<SavedPdf>;
  onClose: () => void;
}

/**
 * A printed document: the paper chosen, the page previewed as it will print, and the PDF saved where
 * the clerk chooses. The renderer's CSP forbids inline styles, so the preview frame gets the
 * document's CSS as a constructed stylesheet of its own document.
 */
export function PrintDialog({ title, preview, save, onClose }: Props) {
  const [paper, setPaper] = useState<Paper>('A4');
  // The paper travels with the answer: the frame shows which paper its page is laid out for.
  const doc = useLoad(useCallback(() => preview(paper).then((html) => ({ paper, html })), [preview, paper]));
  const frame = useRef<HTMLIFrameElement>(null);
  const { busy, error, submit: send } = useSubmit();
  const [saved, setSaved] = useState<NonNullable<SavedPdf> | null>(null);

  const adoptCss = () => {
    const f = frame.current;
    const win = f?.contentWindow as (Window & typeof globalThis) | null | undefined;
    if (!f || !win || !f.contentDocument || !doc.data) return;
    // A constructed sheet may only be adopted by the document whose constructor made it.
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(doc.data.html.css);
    f.contentDocument.adoptedStyleSheets = [sheet];
    f.dataset.ready = 'true';
  };

  const submit = async () => {
    await send(async () => {
      const r = await save(paper);
      if (r) setSaved(r);
    });
  };

  return (
    <Dialog title={title} onClose={onClose} onSubmit={() => void submit()} submitLabel="Simpan PDF…" busy={busy} canSubmit={doc.data !== undefined && !doc.loading} wide>
      <div className="print-toolbar">
        <FormField label="Ukuran kertas">
          <select value={paper} onChange={(e) => { setSaved(null); setPaper(e.target.value as Paper); }}>
            {(Object.keys(PAPER_LABELS) as Paper[]).map((p) => (
              <option key={p} value={p}>{PAPER_LABELS[p]}</option>
            ))}
          </select>
        </FormField>
        <p className="muted small">Pratinjau di bawah sama dengan isi PDF. Cetak PDF yang disimpan dengan skala 100% (ukuran sebenarnya).</p>
      </div>
      {saved ? (
        <Notice tone="success" title="PDF tersimpan">
          <span data-testid="pdf-saved">{saved.path}</span> · {saved.pages} halaman · {formatBytes(saved.bytes)}
          <RevealButton saved={saved} />
        </Notice>
      ) : null}
      <ErrorNote error={error} />
      {doc.error ? <Notice tone="danger" title="Pratinjau tidak dapat dibuat">{doc.error.message}</Notice> : null}
      {doc.data ? (
        <iframe
          key={doc.data.paper}
          ref={frame}
          className="print-frame"
          data-paper={doc.data.paper}
          title={`Pratinjau: ${doc.data.html.title}`}
          sandbox="allow-same-origin"
          srcDoc={`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escapeHtml(doc.data.html.title)}</title></head><body>${doc.data.html.body}</body></html>`}
          onLoad={adoptCss}
        />
      ) : doc.error ? null : (
        <p className="loading" role="status">Menyiapkan pratinjau…</p>
      )}
    </Dialog>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
