import { useCallback, useMemo, useState } from 'react';
import type { SkPreviewDto, SkSheetHeadsDto } from '../../../../shared/contract/index';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { Dialog } from '../../components/Dialog';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { Tabs } from '../../components/Tabs';
import { FIELD_LABELS, FIELD_ORDER, type FieldName } from '../../labels';
import { assignField, detectedMapping, missingEssentials, overridesFrom, type SheetMapping } from './column-overrides';
import type { Overrides } from './decree-form';

interface Props {
  token: string;
  /** The last successful preview; null when detection failed outright. */
  preview: SkPreviewDto | null;
  previous: Overrides;
  onApply: (overrides: Overrides) => void;
  onClose: () => void;
}

const letter = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : letter(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));

/**
 * Lets the clerk say where the header is and what each column holds when detection got it wrong. It
 * shows the file's first rows as they are, so it works even when no header was found at all.
 */
export function ColumnEditor(props: Props) {
  const bridge = useBridge();
  const heads = useLoad(useCallback(() => bridge.call('sk.inspect', { token: props.token }), [bridge, props.token]));
  if (heads.data === undefined) {
    return (
      <Dialog title="Sesuaikan kolom" onClose={props.onClose} onSubmit={() => undefined} submitLabel="Terapkan dan baca ulang" canSubmit={false} wide>
        <LoadState load={heads}>{() => null}</LoadState>
      </Dialog>
    );
  }
  return <EditorDialog heads={heads.data} {...props} />;
}

function EditorDialog({ heads, preview, previous, onApply, onClose }: Props & { heads: SkSheetHeadsDto }) {
  const detected = useMemo(
    () => Object.fromEntries(heads.sheets.map((s) => [s.name, detectedMapping(s.name, preview?.sheets.find((l) => l.sheet === s.name))])),
    [heads, preview],
  );
  const [maps, setMaps] = useState<SheetMapping[]>(() => heads.sheets.map((s) => ({ ...detected[s.name]!, skip: previous[s.name]?.skip ?? false })));
  const [active, setActive] = useState(heads.sheets[0]?.name ?? '');
  const [error, setError] = useState<BridgeError | null>(null);
  const sheet = heads.sheets.find((s) => s.name === active);
  const map = maps.find((m) => m.sheet === active);
  const update = (m: SheetMapping) => setMaps(maps.map((x) => (x.sheet === m.sheet ? m : x)));

  const submit = () => {
    const o = overridesFrom(maps, detected, previous);
    for (const m of maps) {
      if (!o[m.sheet] || m.skip) continue;
      const missing = missingEssentials(m);
      if (m.headerRow === null) return setError(new BridgeError('INVALID_INPUT', `Sheet "${m.sheet}": tentukan baris judul kolom.`));
      if (missing.length > 0) return setError(new BridgeError('INVALID_INPUT', `Sheet "${m.sheet}": pilih kolom ${missing.map((f) => FIELD_LABELS[f]).join(' dan ')}.`));
    }
    onApply(o);
  };

  return (
    <Dialog title="Sesuaikan kolom" onClose={onClose} onSubmit={submit} submitLabel="Terapkan dan baca ulang" canSubmit={Boolean(sheet && map)} wide>
      {heads.sheets.length > 1 ? (
        <Tabs label="Sheet" items={maps.map((m) => ({ key: m.sheet, label: m.sheet, ...(m.skip ? { badge: 'dilewati' } : {}) }))} active={active} onChange={setActive} />
      ) : null}
      {sheet && map ? <SheetMappingEditor rows={sheet.rows} map={map} onChange={update} /> : <Notice tone="warning">Berkas ini tidak berisi sheet.</Notice>}
      <ErrorNote error={error} />
    </Dialog>
  );
}

/** One sheet: its header row, whether to skip it, and the raw grid with a field choice over each column. */
function SheetMappingEditor({ rows, map, onChange }: { rows: SkSheetHeadsDto['sheets'][number]['rows']; map: SheetMapping; onChange: (m: SheetMapping) => void }) {
  const width = Math.max(1, ...rows.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => i);
  const rowClass = (row: number) => (row === map.headerRow ? 'raw-header' : map.headerRow !== null && row < map.headerRow ? 'raw-title' : undefined);
  return (
    <>
      <div className="editor-controls">
        <label className="inline-field">
          <span>Baris judul kolom</span>
          <input
            type="number"
            min={1}
            max={rows[rows.length - 1]?.row ?? 40}
            value={map.headerRow ?? ''}
            onChange={(e) => onChange({ ...map, headerRow: e.target.value === '' ? null : Number(e.target.value) })}
            disabled={map.skip}
          />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={map.skip} onChange={(e) => onChange({ ...map, skip: e.target.checked })} />
          Lewati sheet ini
        </label>
        <span className="muted small">Baris di bawah baris judul dibaca sebagai data. Pilih isi setiap kolom di atas tabel.</span>
      </div>
      <div className="table-scroll editor-grid">
        <table className="simple-table raw-table">
          <thead>
            <tr>
              <th className="num">Baris</th>
              {columns.map((i) => (
                <th key={i}>
                  <div className="col-letter">{letter(i)}</div>
                  <select
                    aria-label={`Isi kolom ${letter(i)}`}
                    value={map.fields[i] ?? ''}
                    onChange={(e) => onChange(assignField(map, i, (e.target.value || null) as FieldName | null))}
                    disabled={map.skip}
                  >
                    <option value="">— tidak dipakai —</option>
                    {FIELD_ORDER.map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.row} className={rowClass(r.row)}>
                <td className="num muted">{r.row}</td>
                {columns.map((i) => (
                  <td key={i} title={r.cells[i] ?? ''}>
                    {r.cells[i] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
