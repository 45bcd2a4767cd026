import { useState, type FormEvent, type ReactNode } from 'react';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { FormField } from '../../components/FormField';
import { Notice } from '../../components/Notice';
import { ROLE_LABELS } from '../../../../shared/roles';
import { useSession } from '../../session/session-context';
import { useSubmit } from '../../hooks/use-run';

/** Sigap's own password rule, said before the clerk types (the core checks it again). */
export const PASSWORD_RULE = 'Minimal 10 karakter, berisi huruf dan angka.';

/** The centred card every session screen uses, with Sigap's mark above it. */
function AuthCard({ title, subtitle, children, onSubmit, testId }: { title: string; subtitle?: ReactNode; children: ReactNode; onSubmit: () => void; testId: string }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <div className="auth-screen" data-testid={testId}>
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby={`${testId}-title`}>
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span>Sigap</span>
        </div>
        <h1 id={`${testId}-title`}>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
        {children}
      </form>
    </div>
  );
}

/** The core's message for a refused sign-in, read out by screen readers. */
function AuthError({ error }: { error: BridgeError | null }) {
  if (!error) return null;
  return (
    <Notice tone="danger">
      <span data-testid="error-message">{error.message}</span>
    </Notice>
  );
}

/** Runs a sign-in style call: the new status goes to the session, a refusal is shown on the form. */
function useAuthSubmit() {
  const { set } = useSession();
  const { busy, error, setError, submit: send } = useSubmit();
  const run = async (call: () => Promise<Parameters<typeof set>[0]>) => {
    if (busy) return;
    await send(async () => {
      set(await call());
    });
  };
  return { busy, error, setError, run };
}

/** The first run: the person installing Sigap becomes its administrator. */
export function SetupScreen() {
  const bridge = useBridge();
  const { busy, error, setError, run } = useAuthSubmit();
  const [username, setUsername] = useState('admin');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const submit = () => {
    if (password !== repeat) {
      setError(new BridgeError('INVALID_INPUT', 'Kedua kata sandi tidak sama.'));
      return;
    }
    void run(() => bridge.call('auth.setup', { username, displayName, password }));
  };
  return (
    <AuthCard
      testId="setup-screen"
      title="Selamat datang di Sigap"
      subtitle="Buat akun administrator terlebih dahulu. Administrator dapat menambah pengguna lain dan mengatur peran mereka."
      onSubmit={submit}
    >
      <FormField label="Nama pengguna" hint="Huruf kecil, angka, titik atau tanda hubung; 3–40 karakter." required>
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus />
      </FormField>
      <FormField label="Nama lengkap" hint="Ditampilkan di aplikasi, misalnya “Rina Marlina (BKPSDM)”.">
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </FormField>
      <FormField label="Kata sandi" hint={PASSWORD_RULE} required>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
      </FormField>
      <FormField label="Ulangi kata sandi" required>
        <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" />
      </FormField>
      <AuthError error={error} />
      <button type="submit" className="button button-primary auth-submit" aria-busy={busy}>
        {busy ? 'Membuat akun…' : 'Buat administrator dan masuk'}
      </button>
    </AuthCard>
  );
}

export function LoginScreen() {
  const bridge = useBridge();
  const { busy, error, run } = useAuthSubmit();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  return (
    <AuthCard testId="login-screen" title="Masuk ke Sigap" subtitle="Gunakan akun yang dibuat oleh administrator." onSubmit={() => void run(() => bridge.call('auth.login', { username, password }))}>
      <FormField label="Nama pengguna" required>
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus />
      </FormField>
      <FormField label="Kata sandi" required>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </FormField>
      <AuthError error={error} />
      <button type="submit" className="button button-primary auth-submit" aria-busy={busy}>
        {busy ? 'Memeriksa…' : 'Masuk'}
      </button>
      <details className="auth-help">
        <summary>Lupa kata sandi?</summary>
        <p>
          Pengguna biasa: minta administrator mengatur ulang kata sandi di <strong>Pengaturan › Pengguna</strong>.
        </p>
        <p>
          Administrator: di komputer ini, buka Command Prompt dan jalankan <code>sigap user reset-password NAMA_PENGGUNA</code>. Perintah itu
          menampilkan kata sandi sementara yang harus diganti saat masuk. Perintah ini hanya bisa dijalankan oleh orang yang memegang komputer
          dan berkas datanya.
        </p>
        <p>
          Setelah 5 kali kata sandi salah, masuk ditunda 1 menit; setiap kesalahan berikutnya menggandakan tundaannya, paling lama 30 menit.
          Akun tidak pernah terkunci selamanya, dan mengatur ulang kata sandi langsung mengakhiri tundaan.
        </p>
      </details>
    </AuthCard>
  );
}

/** After inactivity: the same person types their password again; another person signs out instead. */
export function LockScreen() {
  const bridge = useBridge();
  const { status } = useSession();
  const { busy, error, run } = useAuthSubmit();
  const [password, setPassword] = useState('');
  const user = status.user!;
  return (
    <AuthCard
      testId="lock-screen"
      title="Sesi terkunci"
      subtitle={`Sigap dikunci setelah ${status.lockMinutes} menit tidak digunakan, agar data pegawai tidak terbuka saat meja ditinggal.`}
      onSubmit={() => void run(() => bridge.call('auth.unlock', { password }))}
    >
      <div className="auth-who">
        <strong>{user.displayName}</strong>
        <span className="muted">
          {user.username} · {ROLE_LABELS[user.role]}
        </span>
      </div>
      <FormField label="Kata sandi" required>
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" autoFocus />
      </FormField>
      <AuthError error={error} />
      <button type="submit" className="button button-primary auth-submit" aria-busy={busy}>
        {busy ? 'Memeriksa…' : 'Buka kunci'}
      </button>
      <button type="button" className="link-button" onClick={() => void run(() => bridge.call('auth.logout', {}))}>
        Bukan {user.displayName}? Keluar dan masuk dengan akun lain
      </button>
    </AuthCard>
  );
}

/** The fields of a password change, shared by the forced screen and the user menu's dialog. */
export function PasswordFields({ value, onChange, oldLabel }: { value: { old: string; next: string; repeat: string }; onChange: (v: { old: string; next: string; repeat: string }) => void; oldLabel: string }) {
  return (
    <>
      <FormField label={oldLabel} required>
        <input type="password" value={value.old} onChange={(e) => onChange({ ...value, old: e.target.value })} autoComplete="current-password" />
      </FormField>
      <FormField label="Kata sandi baru" hint={PASSWORD_RULE} required>
        <input type="password" value={value.next} onChange={(e) => onChange({ ...value, next: e.target.value })} autoComplete="new-password" />
      </FormField>
      <FormField label="Ulangi kata sandi baru" required>
        <input type="password" value={value.repeat} onChange={(e) => onChange({ ...value, repeat: e.target.value })} autoComplete="new-password" />
      </FormField>
    </>
  );
}

/** After a temporary password: the person chooses their own before anything else. */
export function ChangePasswordScreen() {
  const bridge = useBridge();
  const { busy, error, setError, run } = useAuthSubmit();
  const [v, setV] = useState({ old: '', next: '', repeat: '' });
  const submit = () => {
    if (v.next !== v.repeat) {
      setError(new BridgeError('INVALID_INPUT', 'Kedua kata sandi baru tidak sama.'));
      return;
    }
    void run(() => bridge.call('auth.changePassword', { oldPassword: v.old, newPassword: v.next }));
  };
  return (
    <AuthCard testId="change-password-screen" title="Buat kata sandi Anda" subtitle="Anda masuk dengan kata sandi sementara. Buat kata sandi sendiri yang hanya Anda ketahui." onSubmit={submit}>
      <PasswordFields value={v} onChange={setV} oldLabel="Kata sandi sementara" />
      <AuthError error={error} />
      <button type="submit" className="button button-primary auth-submit" aria-busy={busy}>
        Simpan kata sandi
      </button>
    </AuthCard>
  );
}
