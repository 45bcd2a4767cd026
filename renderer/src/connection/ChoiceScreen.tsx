import { useState, type FormEvent } from 'react';
import type { DesktopBridge } from '../../../shared/desktop-connection';
import { FormField } from '../components/FormField';
import { Notice } from '../components/Notice';
import { fingerprintLines } from './desktop';

type Mode = 'local' | 'server';

/**
 * The desktop app's first question: keep the data on this computer (the default, as before) or use the
 * office's Sigap server. For a server, its certificate's fingerprint is shown for the clerk to compare
 * with the one the IT office gave; only after "Sama" is it pinned.
 */
export function ChoiceScreen({ desktop, onChosen }: { desktop: DesktopBridge; onChosen: () => void }) {
  const [mode, setMode] = useState<Mode>('local');
  const [address, setAddress] = useState('');
  const [checked, setChecked] = useState<{ address: string; fingerprint: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (f: () => Promise<{ ok: true; value: unknown } | { ok: false; message: string }>, then: (v: unknown) => void) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await f();
      if (r.ok) then(r.value);
      else setError(r.message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (checked) void run(() => desktop.useServer(checked.address, checked.fingerprint), onChosen);
    else if (mode === 'local') void run(() => desktop.useLocal(), onChosen);
    else void run(() => desktop.checkServer(address), (v) => setChecked(v as { address: string; fingerprint: string }));
  };

  return (
    <div className="auth-screen" data-testid="connection-choice">
      <form className="auth-card connection-card" onSubmit={submit} noValidate aria-labelledby="connection-choice-title">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span>Sigap</span>
        </div>
        {checked ? (
          <>
            <h1 id="connection-choice-title">Periksa sidik jari server</h1>
            <p className="muted">
              Server <strong>{checked.address}</strong> menunjukkan sertifikat dengan sidik jari SHA-256 di bawah ini. Bandingkan dengan sidik jari yang
              diberikan bagian TI, pasangan demi pasangan.
            </p>
            <div className="fingerprint" data-testid="fingerprint" aria-label={`Sidik jari: ${checked.fingerprint}`}>
              {fingerprintLines(checked.fingerprint).map((l) => (
                <code key={l}>{l}</code>
              ))}
            </div>
            <Notice tone="warning">Jika ada satu saja yang berbeda, jangan sambungkan: bisa jadi itu bukan server kantor. Hubungi bagian TI.</Notice>
            {error ? <Notice tone="danger">{error}</Notice> : null}
            <div className="connection-actions">
              <button type="button" className="button" onClick={() => setChecked(null)} disabled={busy}>
                Tidak sama, kembali
              </button>
              <button type="submit" className="button button-primary" aria-busy={busy}>
                {busy ? 'Menyambung…' : 'Sama, sambungkan'}
              </button>
            </div>
          </>
        ) : (
          <>
            <h1 id="connection-choice-title">Di mana data Sigap disimpan?</h1>
            <p className="muted">Pilihan ini dapat diganti nanti lewat menu Bantuan &gt; Ganti sambungan.</p>
            <fieldset className="connection-options">
              <legend className="sr-only">Cara memakai Sigap</legend>
              <label className={`connection-option${mode === 'local' ? ' is-selected' : ''}`}>
                <input type="radio" name="mode" value="local" checked={mode === 'local'} onChange={() => setMode('local')} />
                <span>
                  <strong>Gunakan di komputer ini saja</strong>
                  <small>Data tersimpan di komputer ini. Cocok bila satu kantor memakai satu komputer.</small>
                </span>
              </label>
              <label className={`connection-option${mode === 'server' ? ' is-selected' : ''}`}>
                <input type="radio" name="mode" value="server" checked={mode === 'server'} onChange={() => setMode('server')} />
                <span>
                  <strong>Sambungkan ke server Sigap kantor</strong>
                  <small>BKPSDM, BPKAD dan OPD memakai data yang sama di server Pemda. Alamatnya dari bagian TI.</small>
                </span>
              </label>
            </fieldset>
            {mode === 'server' ? (
              <FormField label="Alamat server" hint="Misalnya https://sigap.pemda.go.id:8443" required>
                <input value={address} onChange={(e) => setAddress(e.target.value)} inputMode="url" spellCheck={false} autoFocus placeholder="https://" />
              </FormField>
            ) : null}
            {error ? <Notice tone="danger">{error}</Notice> : null}
            <button type="submit" className="button button-primary auth-submit" aria-busy={busy}>
              {mode === 'local' ? (busy ? 'Menyiapkan…' : 'Mulai di komputer ini') : busy ? 'Menghubungi server…' : 'Periksa server'}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
