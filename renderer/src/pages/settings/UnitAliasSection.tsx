import { useCallback, useState, type FormEvent } from 'react';
import type { UnitAliasDto } from '../../../../shared/contract/index';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { useCan } from '../../session/session';
import { formatTimestamp } from '../../format';

/**
 * Pengaturan › Alias unit kerja: other names the SK appendices use for a unit ("DINKES" for Dinas
 * Kesehatan). The import wizard remembers them when the clerk confirms a unit; here they are added,
 * pointed at another unit or removed.
 */
export function UnitAliasSection() {
  const bridge = useBridge();
  const canSave = useCan('opd.saveAlias');
  const canDelete = useCan('opd.deleteAlias');
  const aliases = useLoad(useCallback(() => bridge.call('opd.aliases', {}), [bridge]));
  const opds = useLoad(useCallback(() => bridge.call('opd.list', {}), [bridge]));
  const [alias, setAlias] = useState('');
  const [opdId, setOpdId] = useState('');
  const [error, setError] = useState<BridgeError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (work: () => Promise<string>) => {
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      aliases.reload();
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await bridge.call('opd.saveAlias', { alias, opdId: Number(opdId) });
      const name = opds.data?.find((o) => o.id === Number(opdId))?.name ?? '';
      setAlias('');
      return `Alias “${alias.trim()}” → ${name} tersimpan`;
    });
  };
  const repoint = (a: UnitAliasDto, id: number) =>
    run(async () => {
      await bridge.call('opd.saveAlias', { alias: a.alias, opdId: id });
      return `Alias “${a.alias}” sekarang → ${opds.data?.find((o) => o.id === id)?.name ?? ''}`;
    });
  const remove = (a: UnitAliasDto) =>
    run(async () => {
      await bridge.call('opd.deleteAlias', { id: a.id });
      return `Alias “${a.alias}” dihapus`;
    });

  const units = opds.data ?? [];
  return (
    <div className="stack" data-testid="unit-aliases">
      <p className="muted">
        Nama lain unit kerja seperti tertulis di lampiran SK (mis. DINKES untuk Dinas Kesehatan). Saat impor SK, nama ini langsung dikenali sebagai unitnya.
        Alias tercatat otomatis ketika Anda memastikan unit di langkah Unit kerja pada impor SK.
      </p>
      {canSave ? (
        <form className="toolbar" onSubmit={add}>
          <label className="field">
            <span className="field-label">Nama di lampiran</span>
            <input value={alias} onChange={(e) => setAlias(e.target.value)} maxLength={200} placeholder="mis. DINKES" />
          </label>
          <label className="field">
            <span className="field-label">Unit kerja</span>
            <select value={opdId} onChange={(e) => setOpdId(e.target.value)}>
              <option value="">— pilih unit —</option>
              {units.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button button-primary" disabled={alias.trim() === '' || opdId === ''}>
            Simpan alias
          </button>
        </form>
      ) : null}
      {done ? <Notice tone="success" title={done} /> : null}
      <ErrorNote error={error} />
      <LoadState load={aliases}>
        {(rows) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table" data-testid="unit-alias-table">
              <thead>
                <tr>
                  <th>Nama di lampiran</th>
                  <th>Unit kerja</th>
                  <th>Dicatat</th>
                  <th>
                    <span className="sr-only">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <strong>{a.alias}</strong>
                    </td>
                    <td>
                      <select aria-label={`Unit untuk alias “${a.alias}”`} disabled={!canSave} value={String(a.opdId)} onChange={(e) => void repoint(a, Number(e.target.value))}>
                        {units.length === 0 ? <option value={a.opdId}>{a.opdName}</option> : null}
                        {units.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted small">
                      {formatTimestamp(a.createdAt)} · {a.createdBy}
                    </td>
                    <td>
                      {canDelete ? (
                        <button type="button" className="link-button" onClick={() => void remove(a)} aria-label={`Hapus alias ${a.alias}`}>
                          Hapus
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
                {rows.length === 0 ? (
                  <tr>
                    <td colSpan={4} className="muted">
                      Belum ada alias.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
    </div>
  );
}
