import { useCallback, useState } from 'react';
import { RESTORE_WORD, type BackupCheckDto } from '../../../../shared/contract/security-calls';
import type { Input } from '../../../../shared/contract/index';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { LoadState } from '../../components/LoadState';
import { ErrorNote, Notice } from '../../components/Notice';
import { useLoad } from '../../hooks/use-load';
import { formatBytes, formatNumber, formatTimestamp } from '../../format';
import { useSession } from '../../session/session';
import { RevealButton } from '../../components/RevealButton';
import { useSubmit } from '../../hooks/use-run';

type Source = Input<'backup.inspect'>['source'];

/** Why a backup was made, as the file name records it. */
const REASONS: Record<string, string> = {
  manual: 'Dibuat manual',
  harian: 'Harian otomatis',
  otomatis: 'Otomatis',
  'sebelum-sk': 'Sebelum impor SK',
  'sebelum-migrasi': 'Sebelum pembaruan aplikasi',
  keluar: 'Saat aplikasi ditutup',
  'sebelum-pemulihan': 'Sebelum pemulihan',
};

/** Pengaturan › Cadangan: automatic and manual backups, a copy to a flash disk, and restore. */
export function BackupSection() {
  const bridge = useBridge();
  const load = useLoad(useCallback(() => bridge.call('backup.list', {}), [bridge]));
  const { busy, error, submit: send } = useSubmit();
  const [done, setDone] = useState<string | null>(null);
  const [doneFile, setDoneFile] = useState<unknown>(null);
  const [toFolder, setToFolder] = useState<{ token: string; folder: string } | null>(null);
  const [restoring, setRestoring] = useState<{ source: Source; label: string; encrypted: boolean } | null>(null);

  const act = async (f: () => Promise<void>) => {
    setDone(null);
    setDoneFile(null);
    await send(f);
  };
  const createNow = () =>
    act(async () => {
      const b = await bridge.call('backup.create', {});
      setDone(`Cadangan ${b.name} dibuat (${formatBytes(b.bytes)}).`);
      load.reload();
    });
  const chooseFolder = () =>
    act(async () => {
      const f = await bridge.call('backup.chooseFolder', {});
      if (f) setToFolder(f);
    });
  const chooseFile = () =>
    act(async () => {
      const f = await bridge.call('backup.chooseFile', {});
      if (f) setRestoring({ source: { kind: 'file', token: f.token }, label: f.name, encrypted: f.encrypted });
    });

  return (
    <div className="stack">
      <div className="toolbar">
        <span className="muted">Cadangan otomatis: harian, sebelum impor SK dan saat aplikasi ditutup.</span>
        <span className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => void chooseFile()} disabled={busy}>
          Pulihkan dari berkas…
        </button>
        <button type="button" className="button" onClick={() => void chooseFolder()} disabled={busy}>
          Cadangkan ke flashdisk…
        </button>
        <button type="button" className="button button-primary" onClick={() => void createNow()} disabled={busy} aria-busy={busy}>
          Cadangkan sekarang
        </button>
      </div>
      {done ? <Notice tone="success" title="Cadangan dibuat">{done}<RevealButton saved={doneFile} /></Notice> : null}
      <ErrorNote error={error} />
      <LoadState load={load}>
        {({ folder, backups, ...list }) => (
          <section className="card card-flush" data-state="ready">
            <table className="simple-table" data-testid="backup-table">
              <thead>
                <tr>
                  <th>Waktu</th>
                  <th>Alasan</th>
                  <th className="num">Ukuran</th>
                  <th>Berkas</th>
                  <th>
                    <span className="sr-only">Tindakan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {backups.map((b) => (
                  <tr key={b.name}>
                    <td>{formatTimestamp(b.at)}</td>
                    <td>{REASONS[b.reason] ?? b.reason}</td>
                    <td className="num">{formatBytes(b.bytes)}</td>
                    <td className="muted small tabular">
                      {b.name}
                      {b.encrypted ? ' · terenkripsi' : ''}
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => setRestoring({ source: { kind: 'auto', name: b.name }, label: b.name, encrypted: b.encrypted })}>
                        Pulihkan…
                      </button>
                    </td>
                  </tr>
                ))}
                {backups.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      Belum ada cadangan.
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
            {folder ? <p className="muted small backup-folder">Folder cadangan otomatis: {folder}. Disimpan 7 harian, 4 mingguan dan 12 bulanan.<RevealButton saved={list} /></p> : null}
          </section>
        )}
      </LoadState>
      {toFolder ? (
        <ToFolderDialog
          target={toFolder}
          onClose={() => setToFolder(null)}
          onDone={(msg, file) => {
            setToFolder(null);
            setDone(msg);
            setDoneFile(file);
          }}
        />
      ) : null}
      {restoring ? <RestoreDialog {...restoring} onClose={() => setRestoring(null)} /> : null}
    </div>
  );
}

function ToFolderDialog({ target, onClose, onDone }: { target: { token: string; folder: string }; onClose: () => void; onDone: (msg: string, file: unknown) => void }) {
  const bridge = useBridge();
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, error, setError, submit: send } = useSubmit();
  const save = async () => {
    if (passphrase !== repeat) {
      setError(new BridgeError('INVALID_INPUT', 'Kedua kata sandi cadangan tidak sama.'));
      return;
    }
    await send(async () => {
      const r = await bridge.call('backup.createTo', { token: target.token, ...(passphrase ? { passphrase } : {}) });
      onDone(`Tersimpan di ${r.path} (${formatBytes(r.bytes)})${r.encrypted ? ', terenkripsi dengan kata sandi' : ''}.`, r);
    });
  };
  return (
    <Dialog title="Cadangkan ke folder" onClose={onClose} onSubmit={() => void save()} submitLabel="Buat cadangan" busy={busy}>
      <p>
        Tujuan: <strong>{target.folder}</strong>
      </p>
      <div className="form-grid form-grid-single">
        <FormField label="Kata sandi cadangan (disarankan)" hint="Flashdisk mudah hilang. Dengan kata sandi, isi cadangan dienkripsi (AES-256) dan hanya bisa dipulihkan dengan kata sandi ini. Minimal 8 karakter; kosongkan untuk tanpa enkripsi.">
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
        </FormField>
        <FormField label="Ulangi kata sandi cadangan">
          <input type="password" value={repeat} onChange={(e) => setRepeat(e.target.value)} autoComplete="new-password" />
        </FormField>
      </div>
      <ErrorNote error={error} />
    </Dialog>
  );
}

/** The check of a backup, as the clerk compares it with what they expect. */
export function BackupCheckView({ check }: { check: BackupCheckDto }) {
  return (
    <dl className="backup-check" data-testid="backup-check">
      <div>
        <dt>Keutuhan berkas</dt>
        <dd className={check.integrity === 'ok' ? 'ok' : 'bad'}>{check.integrity === 'ok' ? 'Utuh' : check.integrity}</dd>
      </div>
      <div>
        <dt>Pemda</dt>
        <dd>{check.pemda ?? '(profil belum diisi)'}</dd>
      </div>
      <div>
        <dt>Versi skema</dt>
        <dd>{check.schemaVersion}</dd>
      </div>
      <div>
        <dt>Pegawai</dt>
        <dd>{formatNumber(check.counts.persons)}</dd>
      </div>
      <div>
        <dt>Keterlibatan</dt>
        <dd>{formatNumber(check.counts.engagements)}</dd>
      </div>
      <div>
        <dt>SK</dt>
        <dd>{formatNumber(check.counts.decrees)}</dd>
      </div>
      <div>
        <dt>OPD</dt>
        <dd>{formatNumber(check.counts.opds)}</dd>
      </div>
      <div>
        <dt>Baris jejak audit</dt>
        <dd>{formatNumber(check.counts.auditRows)}</dd>
      </div>
    </dl>
  );
}

/** Restore in two steps: check the backup (passphrase if needed), then type the word to confirm. */
function RestoreDialog({ source, label, encrypted, onClose }: { source: Source; label: string; encrypted: boolean; onClose: () => void }) {
  const bridge = useBridge();
  const { refresh } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [check, setCheck] = useState<BackupCheckDto | null>(null);
  const [word, setWord] = useState('');
  const { busy, error, submit: send } = useSubmit();
  const [restored, setRestored] = useState<string | null>(null);
  const pass = passphrase ? { passphrase } : {};
  const submit = async () => {
    await send(async () => {
      if (restored) {
        await refresh(); // everyone signs in again, now against the restored accounts
        return;
      }
      if (!check) setCheck(await bridge.call('backup.inspect', { source, ...pass }));
      else {
        const r = await bridge.call('backup.restore', { source, ...pass, confirm: RESTORE_WORD });
        setRestored(r.safety);
      }
    });
  };
  const confirmed = word.trim().toUpperCase() === RESTORE_WORD;
  return (
    <Dialog
      title="Pulihkan data dari cadangan"
      onClose={restored ? () => void refresh() : onClose}
      onSubmit={() => void submit()}
      submitLabel={restored ? 'Masuk kembali' : check ? 'Pulihkan sekarang' : 'Periksa cadangan'}
      busy={busy}
      danger={Boolean(check) && !restored}
      canSubmit={restored !== null || !check || confirmed}
      wide
    >
      <p>
        Berkas: <strong className="tabular">{label}</strong>
      </p>
      {restored ? (
        <Notice tone="success" title="Data dipulihkan">
          <p>Keadaan sebelum pemulihan disimpan sebagai cadangan {restored}.</p>
          <p>Akun pengguna kini mengikuti cadangan. Silakan masuk kembali.</p>
        </Notice>
      ) : (
        <>
          {!check ? (
            <>
              <p className="muted">Sigap memeriksa cadangan dahulu: keutuhan berkas, versi, nama Pemda dan jumlah data. Data sekarang belum diubah.</p>
              {encrypted ? (
                <div className="form-grid form-grid-single">
                  <FormField label="Kata sandi cadangan" required>
                    <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
                  </FormField>
                </div>
              ) : null}
            </>
          ) : (
            <>
              <BackupCheckView check={check} />
              <Notice tone="warning" title="Semua data sekarang akan diganti dengan isi cadangan ini">
                <p>Perubahan sejak cadangan ini dibuat akan hilang dari data aktif. Sigap lebih dulu menyimpan keadaan sekarang sebagai cadangan “Sebelum pemulihan”, sehingga masih bisa dikembalikan.</p>
              </Notice>
              <div className="form-grid form-grid-single">
                <FormField label={`Ketik ${RESTORE_WORD} untuk melanjutkan`} required>
                  <input value={word} onChange={(e) => setWord(e.target.value)} autoComplete="off" />
                </FormField>
              </div>
            </>
          )}
        </>
      )}
      <ErrorNote error={error} />
    </Dialog>
  );
}
