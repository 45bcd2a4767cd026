import { useCallback, useState } from 'react';
import type { UserDto } from '../../../../shared/contract/security-calls';
import { ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles';
import { asBridgeError, type BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { useLoad } from '../../hooks/use-load';
import { DASH, formatTimestamp } from '../../format';
import { useSession } from '../../session/session';
import { useSubmit } from '../../hooks/use-run';

/** What each role may do, in the words of the office. */
const ROLE_WORK: Record<Role, string> = {
  admin: 'Semua pekerjaan, termasuk pengguna, cadangan dan jejak audit.',
  hr: 'Data pegawai, impor SK, berkas BPJS. Melihat NIK dan KPJ lengkap.',
  finance: 'Iuran, tagihan dan pembayaran. NIK dan KPJ disamarkan.',
  viewer: 'Hanya melihat. NIK dan KPJ disamarkan.',
};

type Editing = { kind: 'new' } | { kind: 'edit'; user: UserDto };

/** Pengaturan › Pengguna: accounts, roles, temporary passwords, and the inactivity lock. */
export function UsersSection() {
  const bridge = useBridge();
  const { status } = useSession();
  const load = useLoad(useCallback(() => bridge.call('users.list', {}), [bridge]));
  const [editing, setEditing] = useState<Editing | null>(null);
  const [temp, setTemp] = useState<{ username: string; password: string; isNew: boolean } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);

  const reset = async (u: UserDto) => {
    setError(null);
    try {
      const r = await bridge.call('users.resetPassword', { id: u.id });
      setTemp({ username: u.username, password: r.temporaryPassword, isNew: false });
      load.reload();
    } catch (e) {
      setError(asBridgeError(e));
    }
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Setiap orang memakai akunnya sendiri, sehingga jejak audit mencatat siapa mengubah apa.</span>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'new' })}>
          + Tambah pengguna
        </button>
      </div>
      {temp ? <TemporaryPassword {...temp} onClose={() => setTemp(null)} /> : null}
      <ErrorNote error={error} />
      <LoadState load={load}>
        {(users) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>Nama pengguna</th>
                  <th>Nama</th>
                  <th>Peran</th>
                  <th>Status</th>
                  <th>Terakhir masuk</th>
                  <th>
                    <span className="sr-only">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} className={u.active ? undefined : 'row-inactive'}>
                    <td className="tabular">
                      {u.username}
                      {u.id === status.user?.id ? <span className="muted small"> (Anda)</span> : null}
                    </td>
                    <td>{u.displayName}</td>
                    <td>
                      <span className={`role-chip role-${u.role}`}>{ROLE_LABELS[u.role].split(' (')[0]}</span>
                    </td>
                    <td>
                      {!u.active ? 'Nonaktif' : u.mustChangePassword ? <span className="muted">Menunggu ganti kata sandi</span> : 'Aktif'}
                    </td>
                    <td className="muted">{u.lastLoginAt ? formatTimestamp(u.lastLoginAt) : DASH}</td>
                    <td className="row-actions">
                      <button type="button" className="link-button" onClick={() => setEditing({ kind: 'edit', user: u })} aria-label={`Ubah ${u.username}`}>
                        Ubah
                      </button>
                      <button type="button" className="link-button" onClick={() => void reset(u)} aria-label={`Atur ulang kata sandi ${u.username}`}>
                        Atur ulang kata sandi
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </LoadState>
      <section className="card">
        <h3>Peran</h3>
        <dl className="role-list">
          {ROLES.map((r) => (
            <div key={r}>
              <dt>{ROLE_LABELS[r].split(' (')[0]}</dt>
              <dd>{ROLE_WORK[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <LockSetting />
      {editing ? (
        <UserDialog
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(t) => {
            setEditing(null);
            if (t) setTemp(t);
            load.reload();
          }}
        />
      ) : null}
    </div>
  );
}

/** Shown once: the core keeps only the hash, so this is the only time anyone sees the password. */
function TemporaryPassword({ username, password, isNew, onClose }: { username: string; password: string; isNew: boolean; onClose: () => void }) {
  return (
    <Notice tone="warning" title={isNew ? `Akun ${username} dibuat` : `Kata sandi ${username} diatur ulang`}>
      <p>
        Kata sandi sementara: <code className="temp-password" data-testid="temporary-password">{password}</code>
      </p>
      <p>Sampaikan langsung kepada yang bersangkutan. Kata sandi ini hanya ditampilkan sekali dan harus diganti saat ia pertama kali masuk.</p>
      <button type="button" className="button" onClick={onClose}>
        Sudah dicatat
      </button>
    </Notice>
  );
}

function UserDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (temp: { username: string; password: string; isNew: boolean } | null) => void }) {
  const bridge = useBridge();
  const existing = editing.kind === 'edit' ? editing.user : null;
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [role, setRole] = useState<Role>(existing?.role ?? 'hr');
  const [active, setActive] = useState(existing?.active ?? true);
  const { busy, error, submit: send } = useSubmit();
  const save = async () => {
    await send(async () => {
      if (existing) {
        await bridge.call('users.update', { id: existing.id, displayName, role, active });
        onSaved(null);
      } else {
        const r = await bridge.call('users.create', { username, displayName, role });
        onSaved({ username: r.user.username, password: r.temporaryPassword, isNew: true });
      }
    });
  };
  return (
    <Dialog title={existing ? `Ubah pengguna ${existing.username}` : 'Tambah pengguna'} onClose={onClose} onSubmit={() => void save()} submitLabel={existing ? 'Simpan' : 'Buat akun'} busy={busy}>
      <div className="form-grid form-grid-single">
        {existing ? null : (
          <FormField label="Nama pengguna" hint="Huruf kecil, angka, titik atau tanda hubung, misalnya rina.bkpsdm." required>
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
          </FormField>
        )}
        <FormField label="Nama lengkap">
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </FormField>
        <FormField label="Peran" hint={ROLE_WORK[role]}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </FormField>
        {existing ? (
          <label className="check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Akun aktif (hapus centang untuk menonaktifkan; riwayatnya tetap tersimpan)
          </label>
        ) : (
          <p className="muted small">Sigap membuat kata sandi sementara yang harus diganti saat pertama kali masuk.</p>
        )}
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}

/** The inactivity lock, in minutes (0 turns it off). */
function LockSetting() {
  const bridge = useBridge();
  const { refresh } = useSession();
  const load = useLoad(useCallback(() => bridge.call('settings.lockMinutes', {}), [bridge]));
  const [value, setValue] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<BridgeError | null>(null);
  const shown = value ?? (load.data ? String(load.data.minutes) : '');
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await bridge.call('settings.setLockMinutes', { minutes: Number(shown) });
      setSaved(true);
      await refresh();
    } catch (e) {
      setError(asBridgeError(e));
    }
  };
  return (
    <section className="card">
      <h3>Kunci otomatis</h3>
      <form
        className="lock-setting"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <FormField label="Kunci sesi setelah tidak aktif (menit)" hint="0 berarti tidak pernah dikunci. Disarankan 10–15 menit untuk komputer di ruang bersama.">
          <input type="number" min={0} max={480} value={shown} onChange={(e) => setValue(e.target.value)} />
        </FormField>
        <button type="submit" className="button">
          Simpan
        </button>
      </form>
      {saved ? <Notice tone="success" title="Tersimpan" /> : null}
      <ErrorNote error={error} />
    </section>
  );
}
