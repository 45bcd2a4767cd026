import type { ScanViewDto } from '../../../../shared/contract/decree-calls';
import { Notice } from '../../components/Notice';

/** What "Lihat pindaian" shows in the page: the image itself, or where the PDF opened. */
export function ScanShown({ view, onClose }: { view: ScanViewDto; onClose: () => void }) {
  return (
    <div className="scan-shown" data-testid="scan-shown" data-kind={view.kind}>
      {view.kind === 'image' ? (
        <figure className="scan-figure">
          <img src={view.dataUrl} alt={view.name} />
          <figcaption className="muted small">{view.name}</figcaption>
        </figure>
      ) : (
        <Notice tone="info" title="Pindaian dibuka di jendela terpisah">
          {view.name} ditampilkan di jendela penampil PDF Sigap. Tutup jendela itu bila sudah selesai.
        </Notice>
      )}
      <button type="button" className="button button-small" onClick={onClose}>
        Tutup pratinjau
      </button>
    </div>
  );
}
