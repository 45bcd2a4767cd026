import { useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/roles';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { ErrorNote, Notice } from '../../components/Notice';
import { PasswordFields } from './AuthScreens';
import { useSession, useSessionMaybe } from '../../session/session';
import { useSubmit } from '../../hooks/use-run';

/** Who is signed in, with "Ganti kata sandi" and "Keluar". Sits at the foot of the sidebar. */
export function UserMenu() {
  return useSessionMaybe() ? <SignedInMenu /> : null;
}

function SignedInMenu() {
  const bridge = useBridge();
  const { status, set } = useSession();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);
  const user = status.user;
  if (!user) return null;
  return (
    <div className="user-menu" ref={box}>
      <button type="button" className="user-menu-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="user-menu">
        <span className="user-avatar" aria-hidden="true">
          {(user.displayName || user.username).slice(0, 1).toUpperCase()}
        </span>
        <span className="user-menu-text">
          <span className="user-menu-name">{user.displayName}</span>
          <span className="user-menu-role">{ROLE_LABELS[user.role].split(' (')[0]}</span>
        </span>
      </button>
      {open ? (
        <div className="user-menu-list" role="menu" aria-label="Akun">
          <div className="user-menu-head">
            <strong>{user.username}</strong>
            <span>{ROLE_LABELS[user.role]}</span>
            <span>Terkunci otomatis setelah {status.lockMinutes === 0 ? '— (tidak pernah)' : `${status.lockMinutes} menit`} tidak aktif</span>
          </div>
          <button type="button" role="menuitem" onClick={() => { setOpen(false); setChanging(true); }}>
            Ganti kata sandi
          </button>
          <button type="button" role="menuitem" onClick={() => void bridge.call('auth.logout', {}).then(set)}>
            Keluar
          </button>
        </div>
      ) : null}
      {changing ? <ChangePasswordDialog onClose={() => setChanging(false)} onDone={() => { setChanging(false); setChanged(true); setTimeout(() => setChanged(false), 4000); }} /> : null}
      {changed ? (
        <div className="user-menu-toast">
          <Notice tone="success" title="Kata sandi diganti" />
        </div>
      ) : null}
    </div>
  );
}

function ChangePasswordDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const bridge = useBridge();
  const { set } = useSession();
  const [v, setV] = useState({ old: '', next: '', repeat: '' });
  const { busy, error, setError, submit } = useSubmit();
  const save = async () => {
    if (v.next !== v.repeat) {
      setError(new BridgeError('INVALID_INPUT', 'Kedua kata sandi baru tidak sama.'));
      return;
    }
    await submit(async () => {
      set(await bridge.call('auth.changePassword', { oldPassword: v.old, newPassword: v.next }));
      onDone();
    });
  };
  return (
    <Dialog title="Ganti kata sandi" onClose={onClose} onSubmit={() => void save()} submitLabel="Simpan kata sandi" busy={busy}>
      <div className="form-grid form-grid-single">
        <PasswordFields value={v} onChange={setV} oldLabel="Kata sandi sekarang" />
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}
