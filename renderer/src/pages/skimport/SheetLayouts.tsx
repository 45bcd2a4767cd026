import type { SkPreviewDto } from '../../../../shared/contract/index';
import { formatNumber } from '../../format';
import { FIELD_LABELS, UNIT_SOURCE_LABELS } from '../../labels';

const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/** What the importer understood of each sheet: the header, each column's meaning and a few rows under it. */
export function SheetLayouts({ preview, onAdjust }: { preview: SkPreviewDto; onAdjust: () => void }) {
  return (
    <div className="stack" data-testid="sheet-layouts">
      <div className="toolbar">
        <span>
          {formatNumber(preview.sheets.length)} sheet berisi data pegawai. Kolom yang tidak dikenali tidak dibaca.
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={onAdjust}>
          Sesuaikan kolom…
        </button>
      </div>
      {preview.sheets.map((s) => {
        const width = Math.max(...s.labels.map((l) => l.index + 1), ...s.sample.map((r) => r.cells.length));
        const cols = Array.from({ length: width }, (_, i) => i);
        return (
          <section className="card" key={s.sheet}>
            <h3>
              Sheet “{s.sheet}”
              <span className="muted small">
                {' '}
                · judul kolom di baris {s.headerRows.join('–')} · {formatNumber(s.dataRows)} baris data · unit kerja {UNIT_SOURCE_LABELS[s.unitSource]}
              </span>
            </h3>
            <div className="table-scroll">
              <table className="simple-table raw-table">
                <thead>
                  <tr>
                    <th className="num">Baris</th>
                    {cols.map((i) => {
                      const l = s.labels.find((x) => x.index === i);
                      return (
                        <th key={i}>
                          <div className="col-letter">
                            {letter(i)} {l?.label ? <span className="muted">{l.label}</span> : null}
                          </div>
                          {l?.field ? <span className="pill pill-ok pill-small">{FIELD_LABELS[l.field]}</span> : <span className="pill pill-muted pill-small">tidak dipakai</span>}
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {s.sample.slice(0, 5).map((r) => (
                    <tr key={r.row}>
                      <td className="num muted">{r.row}</td>
                      {cols.map((i) => (
                        <td key={i} title={r.cells[i] ?? ''}>
                          {r.cells[i] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
