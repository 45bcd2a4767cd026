import { useState } from 'react';
import type { ProfileDto } from '../../../../shared/contract/reporting-calls';
import { FIELDS, FIELD_IDS, headerKey, type FieldId } from '../../../../shared/sipp-layouts';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote } from '../../components/Notice';
import { KIND_SHORT } from './reporting-labels';
import { useSubmit } from '../../hooks/use-run';

export const fieldLabel = (f: string): string => (f in FIELDS ? FIELDS[f as FieldId] : f);

/** The select's choice for "a fixed text in every row". */
const CONSTANT = '__constant';
/** Same limit as the core (profiles.ts MAX_CONSTANT_LENGTH). */
const MAX_CONSTANT = 60;

interface Row {
  header: string;
  /** A field id, '' (left empty) or CONSTANT. */
  field: string;
  /** The constant's text when field is CONSTANT. */
  value: string;
  drop: boolean;
  /** The portal refuses a row that leaves this column empty: such a person is held back (bpjs/required.ts). */
  required: boolean;
}

const isMarital = (header: string) => headerKey(header) === 'STATUS_KAWIN';

/** What a constant column takes, as a hint beside it. */
function constantHint(header: string): string {
  const k = headerKey(header);
  if (k === 'LOKASI_PEKERJAAN') return 'Kode dari daftar lokasi di templat kantor cabang.';
  if (k === 'NO_PEGAWAI') return 'Teks yang sama untuk semua orang.';
  return 'Ditulis sama di setiap baris, paling banyak 60 karakter.';
}

/** Edits a clerk's profile: the sheet name, which value fills each column, and columns to remove. */
export function ProfileEditor({ profile, onClose, onSaved }: { profile: ProfileDto; onClose: () => void; onSaved: () => void }) {
  const bridge = useBridge();
  const [sheetName, setSheetName] = useState(profile.sheetName);
  const [perFile, setPerFile] = useState(profile.rowsPerFile ? String(profile.rowsPerFile) : '');
  const perFileValue = perFile.trim() === '' ? null : Number(perFile);
  const perFileOk = perFileValue === null || (Number.isInteger(perFileValue) && perFileValue >= 1 && perFileValue <= 10_000);
  const [rows, setRows] = useState<Row[]>(profile.columns.map((c) => (
    c.value !== undefined
      ? { header: c.header, field: CONSTANT, value: c.value, drop: false, required: c.required === true }
      : { header: c.header, field: c.field ?? '', value: '', drop: false, required: c.required === true }
  )));
  const { busy, error, submit: send } = useSubmit();
  const [added, setAdded] = useState('');
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const addColumn = () => {
    const header = added.trim();
    if (header === '' || rows.some((r) => r.header.toUpperCase() === header.toUpperCase())) return;
    setRows([...rows, { header, field: '', value: '', drop: false, required: false }]);
    setAdded('');
  };

  const submit = async () => {
    await send(async () => {
      const kept = rows.filter((r) => !r.drop);
      const constant = (r: Row) => r.field === CONSTANT && r.value.trim() !== '';
      await bridge.call('bpjs.profileEdit', {
        name: profile.name,
        sheetName: sheetName.trim(),
        // A column mapped to a field (or left empty) loses its constant; constants are set after.
        map: kept.filter((r) => !constant(r)).map((r) => ({ header: r.header, field: r.field === '' || r.field === CONSTANT ? null : (r.field as FieldId) })),
        set: kept.filter(constant).map((r) => ({ header: r.header, value: r.value.trim() })),
        drop: rows.filter((r) => r.drop).map((r) => r.header),
        // Only the marks that changed, so a column the clerk did not touch keeps what the profile had.
        require: kept
          .filter((r) => r.required !== (profile.columns.find((c) => c.header === r.header)?.required === true))
          .map((r) => ({ header: r.header, required: r.required })),
        rowsPerFile: perFileValue,
      });
      onSaved();
    });
  };

  return (
    <Dialog title={`Ubah profil “${profile.name}” (${KIND_SHORT[profile.kind]})`} onClose={onClose} onSubmit={submit} submitLabel="Simpan profil" busy={busy} canSubmit={sheetName.trim() !== '' && rows.some((r) => !r.drop) && perFileOk} wide>
      <div className="stack">
        <p className="small muted">
          Kolom yang tidak dicatat Sigap (mis. <code>STATUS_KAWIN</code>, <code>LOKASI_PEKERJAAN</code>) dapat diisi <strong>nilai tetap</strong>, sama untuk semua orang.
          Kolom <strong>wajib</strong> yang kosong menahan orangnya dari berkas sampai datanya dilengkapi, seperti portal menolaknya.
        </p>
        {profile.templateFile ? (
          <p className="small" data-testid="editor-template">
            Dibuat dari templat kantor cabang: <strong>{profile.templateFile}</strong>. Berkas ditulis ke salinan templat ini (nama berkas, sheet dan
            daftar pilihannya tetap); kolom yang tidak ada di templat tidak dapat diisi.
          </p>
        ) : null}
        <FormField label="Nama sheet" required hint={profile.templateFile ? 'Sheet templat kantor cabang; tidak dapat diganti.' : 'Persis seperti di templat kantor cabang (paling banyak 31 karakter).'}>
          <input type="text" value={sheetName} maxLength={31} readOnly={Boolean(profile.templateFile)} onChange={(e) => setSheetName(e.target.value)} />
        </FormField>
        <FormField label="Baris per berkas" hint="Kosong: 10.000 (batas portal SIPP). Isi bila kantor cabang meminta berkas lebih kecil; batch yang lebih besar dibagi menjadi beberapa berkas.">
          <input type="text" inputMode="numeric" value={perFile} maxLength={5} placeholder="10000" onChange={(e) => setPerFile(e.target.value.replace(/\D/g, ''))} aria-invalid={!perFileOk} />
        </FormField>
        <div className="table-scroll rp-editor">
          <table className="simple-table" data-testid="profile-editor">
            <thead><tr><th className="num">No</th><th>Judul kolom di templat</th><th>Diisi dengan</th><th title="Portal menolak baris yang mengosongkan kolom ini">Wajib</th><th>Hapus</th></tr></thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.header} className={r.drop ? 'rp-dropped' : undefined}>
                  <td className="num">{i + 1}</td>
                  <td><code>{r.header}</code></td>
                  <td>
                    <div className="rp-fill">
                      <select
                        aria-label={`Isian kolom ${r.header}`}
                        value={r.field}
                        disabled={r.drop}
                        onChange={(e) => set(i, { field: e.target.value, ...(e.target.value === CONSTANT && isMarital(r.header) && r.value === '' ? { value: 'T' } : {}) })}
                      >
                        <option value="">(dikosongkan)</option>
                        <option value={CONSTANT}>Nilai tetap (sama untuk semua orang)…</option>
                        {FIELD_IDS.map((f) => <option key={f} value={f}>{FIELDS[f]}</option>)}
                      </select>
                      {r.field === CONSTANT ? (
                        isMarital(r.header) ? (
                          <select aria-label={`Nilai tetap kolom ${r.header}`} value={r.value} disabled={r.drop} onChange={(e) => set(i, { value: e.target.value })}>
                            <option value="T">T — tidak kawin</option>
                            <option value="Y">Y — kawin</option>
                          </select>
                        ) : (
                          <input
                            type="text"
                            aria-label={`Nilai tetap kolom ${r.header}`}
                            title={constantHint(r.header)}
                            placeholder={headerKey(r.header) === 'LOKASI_PEKERJAAN' ? 'kode dari daftar templat' : 'nilai tetap'}
                            value={r.value}
                            maxLength={MAX_CONSTANT}
                            disabled={r.drop}
                            onChange={(e) => set(i, { value: e.target.value })}
                          />
                        )
                      ) : null}
                    </div>
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`Kolom ${r.header} wajib diisi`} checked={r.required} disabled={r.drop} onChange={(e) => set(i, { required: e.target.checked })} />
                  </td>
                  <td>
                    <input type="checkbox" aria-label={`Hapus kolom ${r.header}`} checked={r.drop} onChange={(e) => set(i, { drop: e.target.checked })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {/* A template profile writes into the template's own columns: a column it does not have cannot be added. */}
        {profile.templateFile ? null : <div className="toolbar">
          <FormField label="Kolom baru di akhir" hint="Bila templat cabang menambah kolom; pilih isiannya setelah ditambahkan.">
            <input
              type="text"
              value={added}
              maxLength={200}
              onChange={(e) => setAdded(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault(); // Enter adds the column rather than saving the profile
                  addColumn();
                }
              }}
            />
          </FormField>
          <button type="button" className="button" onClick={addColumn} disabled={added.trim() === ''}>Tambah kolom</button>
        </div>}
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
