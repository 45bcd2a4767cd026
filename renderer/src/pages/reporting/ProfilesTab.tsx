import { useCallback, useState } from 'react';
import type { ProfileDto, TemplateResultDto } from '../../../../shared/contract/reporting-calls';
import { REPORT_KINDS, type ReportKind } from '../../../../shared/sipp-layouts';
import { asBridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote, Notice } from '../../components/Notice';
import { formatTimestamp } from '../../format';
import { KIND_SHORT } from './reporting-labels';
import { ProfileEditor, fieldLabel } from './ProfileEditor';
import { useSubmit } from '../../hooks/use-run';

/** Profil templat: the built-in layouts and the branch's own templates, matched by header name. */
export function ProfilesTab() {
  const bridge = useBridge();
  const profiles = useLoad(useCallback(() => bridge.call('bpjs.profiles', {}), [bridge]));
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ProfileDto | null>(null);
  const [deleting, setDeleting] = useState<ProfileDto | null>(null);
  const [copying, setCopying] = useState<ProfileDto | null>(null);
  const [created, setCreated] = useState<TemplateResultDto | null>(null);

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="muted">
          Kantor cabang dapat mengganti templat unggahan. Buka templat kosong dari kantor cabang: kolomnya dicocokkan dengan nama judul,
          lalu profil dapat dipilih saat membuat berkas.
        </p>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          + Profil dari templat cabang…
        </button>
      </div>
      {created ? <TemplateReport r={created} onEdit={() => setEditing(created.profile)} /> : null}
      <LoadState load={profiles}>
        {(list) => (
          <table className="simple-table rp-table" data-testid="profile-table">
            <thead>
              <tr><th>Nama profil</th><th>Jenis</th><th>Sheet</th><th className="num">Kolom</th><th>Asal</th><th /></tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <ProfileRow key={p.name} p={p} open={open === p.name} onToggle={() => setOpen(open === p.name ? null : p.name)} onEdit={() => setEditing(p)} onDelete={() => setDeleting(p)} onCopy={() => setCopying(p)} />
              ))}
            </tbody>
          </table>
        )}
      </LoadState>
      {creating ? (
        <FromTemplateDialog
          onClose={() => setCreating(false)}
          onDone={(r) => {
            setCreating(false);
            setCreated(r);
            setOpen(r.profile.name);
            profiles.reload();
          }}
        />
      ) : null}
      {editing ? (
        <ProfileEditor
          profile={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setCreated(null);
            profiles.reload();
          }}
        />
      ) : null}
      {copying ? (
        <CopyDialog
          p={copying}
          onClose={() => setCopying(null)}
          onDone={(copy) => {
            setCopying(null);
            setCreated(null);
            setOpen(copy.name);
            setEditing(copy); // the copy is made to be changed: open it straight away
            profiles.reload();
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          p={deleting}
          onClose={() => setDeleting(null)}
          onDone={() => {
            setDeleting(null);
            setCreated(null);
            profiles.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function ProfileRow({ p, open, onToggle, onEdit, onDelete, onCopy }: { p: ProfileDto; open: boolean; onToggle: () => void; onEdit: () => void; onDelete: () => void; onCopy: () => void }) {
  return (
    <>
      <tr>
        <td>
          <button type="button" className="link-button" onClick={onToggle} aria-expanded={open}>{p.name}</button>
          {p.builtin ? <span className="pill pill-small pill-muted rp-gap">bawaan</span> : null}
        </td>
        <td>{KIND_SHORT[p.kind]}</td>
        <td><code>{p.sheetName}</code></td>
        <td className="num">{p.columns.length}</td>
        <td className="small">
          {p.builtin ? 'Tata letak bawaan Sigap (SIPP Online)' : p.templateFile ? (
            <span data-testid="profile-template">dibuat dari templat kantor cabang: <strong>{p.templateFile}</strong>{p.updatedAt ? ` · ${formatTimestamp(p.updatedAt)}` : ''}</span>
          ) : `${p.sourceFile ?? 'dibuat manual'}${p.updatedAt ? ` · ${formatTimestamp(p.updatedAt)}` : ''}`}
        </td>
        <td className="nowrap align-end">
          <button type="button" className="button" onClick={onCopy} aria-label={`Salin profil ${p.name}`} title={p.builtin ? 'Profil bawaan tidak dapat diubah: salin untuk mengisi nilai tetap atau memetakan ulang kolom' : undefined}>
            Salin profil
          </button>
          {p.builtin ? null : (
            <>
              {' '}<button type="button" className="button" onClick={onEdit}>Ubah</button>{' '}
              <button type="button" className="button button-danger-outline" onClick={onDelete}>Hapus</button>
            </>
          )}
        </td>
      </tr>
      {open ? (
        <tr className="rp-subrow">
          <td colSpan={6}>
            <ol className="rp-columns" data-testid="profile-columns">
              {p.columns.map((c) => (
                <li key={c.header}>
                  <code>{c.header}</code>{' '}
                  {c.value !== undefined ? (
                    <span>nilai tetap <span className="rp-const">“{c.value}”</span></span>
                  ) : (
                    <span className={c.field ? 'muted' : 'rp-warn'}>{c.field ? fieldLabel(c.field) : 'dikosongkan (belum dipetakan)'}</span>
                  )}
                </li>
              ))}
            </ol>
            {p.warnings && p.warnings.length > 0 ? <ProfileWarnings warnings={p.warnings} /> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function TemplateReport({ r, onEdit }: { r: TemplateResultDto; onEdit: () => void }) {
  const tone = r.unknownHeaders.length > 0 ? 'warning' : 'success';
  return (
    <Notice tone={tone} title={`Profil “${r.profile.name}” dibuat dari sheet “${r.sheet}” (judul di baris ${r.headerRow}, ${r.profile.columns.length} kolom)`}>
      <div data-testid="template-report">
        {r.unknownHeaders.length > 0 ? (
          <p>Judul kolom tidak dikenal, ditulis kosong sampai dipetakan: <strong>{r.unknownHeaders.join(', ')}</strong>.</p>
        ) : <p>Semua judul kolom dikenali.</p>}
        {r.missingHeaders.length > 0 ? <p className="small">Kolom tata letak bawaan yang tidak ada di templat: {r.missingHeaders.join(', ')}.</p> : null}
        {r.profile.templateFile ? (
          <p className="small">
            Jenis: <strong>{KIND_SHORT[r.profile.kind]}</strong>. Berkas untuk BPJS akan ditulis ke salinan templat <strong>{r.profile.templateFile}</strong>:
            nama berkas, sheet, daftar pilihan dan validasinya tetap seperti dari kantor cabang; satu folder per berkas.
          </p>
        ) : (
          <p className="small">Jenis: <strong>{KIND_SHORT[r.profile.kind]}</strong>. Templat ini bukan .xlsx: Sigap menulis berkasnya sendiri dengan kolom dan nama sheet templat.</p>
        )}
        <button type="button" className="button" onClick={onEdit}>Petakan kolom…</button>
      </div>
    </Notice>
  );
}

function FromTemplateDialog({ onClose, onDone }: { onClose: () => void; onDone: (r: TemplateResultDto) => void }) {
  const bridge = useBridge();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ReportKind | ''>('');
  const [file, setFile] = useState<{ token: string; name: string } | null>(null);
  const { busy, error, setError, submit: send } = useSubmit();
  const choose = async () => {
    setError(null);
    try {
      const f = await bridge.call('bpjs.chooseFile', { purpose: 'template' });
      if (f) setFile(f);
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  const submit = async () => {
    if (!file) return;
    await send(async () => {
      onDone(await bridge.call('bpjs.profileFromTemplate', { token: file.token, name: name.trim(), ...(kind ? { kind } : {}) }));
    });
  };
  return (
    <Dialog title="Profil dari templat kantor cabang" onClose={onClose} onSubmit={submit} submitLabel="Buat profil" busy={busy} canSubmit={file !== null && name.trim() !== ''}>
      <div className="stack">
        <FormField label="Nama profil" required hint="Mis. Cabang Liwa 2026. Nama yang sama mengganti profil lama.">
          <input type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <FormField label="Jenis berkas" hint="Biasanya dikenali dari nama sheet dan judul kolom.">
          <select value={kind} onChange={(e) => setKind(e.target.value as ReportKind | '')}>
            <option value="">Kenali otomatis</option>
            {REPORT_KINDS.map((k) => <option key={k} value={k}>{KIND_SHORT[k]}</option>)}
          </select>
        </FormField>
        <div className="file-row">
          <span>{file ? <strong data-testid="chosen-template">{file.name}</strong> : <span className="muted">Belum ada berkas templat.</span>}</span>
          <button type="button" className="button" onClick={choose}>Pilih templat (.xlsx)…</button>
        </div>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}

/** What a profile leaves empty that the portal may ask for (said once, not per person). */
export function ProfileWarnings({ warnings }: { warnings: NonNullable<ProfileDto['warnings']> }) {
  return (
    <Notice tone="warning" title="Kolom yang mungkin diminta portal SIPP masih kosong">
      <ul className="plain-list" data-testid="profile-warnings">
        {warnings.map((w) => <li key={w.code}>{w.message}</li>)}
      </ul>
    </Notice>
  );
}

function CopyDialog({ p, onClose, onDone }: { p: ProfileDto; onClose: () => void; onDone: (copy: ProfileDto) => void }) {
  const bridge = useBridge();
  const [name, setName] = useState(`${p.name} (salinan)`.slice(0, 60));
  const { busy, error, submit: send } = useSubmit();
  const submit = async () => {
    await send(async () => {
      onDone(await bridge.call('bpjs.profileCopy', { from: p.name, name: name.trim() }));
    });
  };
  return (
    <Dialog title={`Salin profil “${p.name}”`} onClose={onClose} onSubmit={submit} submitLabel="Salin dan ubah" busy={busy} canSubmit={name.trim() !== ''}>
      <div className="stack">
        <p>
          Salinan memuat kolom, urutan dan nama sheet yang sama, dan dapat diubah: mis. memberi nilai tetap untuk <code>STATUS_KAWIN</code> atau
          {' '}<code>LOKASI_PEKERJAAN</code>. Pilih salinan ini saat membuat berkas.
        </p>
        <FormField label="Nama profil baru" required hint="Mis. Cabang Liwa 2026. Paling banyak 60 karakter.">
          <input type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} autoFocus />
        </FormField>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}

function DeleteDialog({ p, onClose, onDone }: { p: ProfileDto; onClose: () => void; onDone: () => void }) {
  const bridge = useBridge();
  const { busy, error, submit: send } = useSubmit();
  const submit = async () => {
    await send(async () => {
      await bridge.call('bpjs.profileDelete', { name: p.name });
      onDone();
    });
  };
  return (
    <Dialog title={`Hapus profil “${p.name}”?`} onClose={onClose} onSubmit={submit} submitLabel="Hapus profil" busy={busy} danger>
      <p>Batch yang sudah dibuat dengan profil ini tetap dapat ditulis ulang: tata letaknya tersimpan bersama batch.</p>
      <ErrorNote error={error} />
    </Dialog>
  );
}
