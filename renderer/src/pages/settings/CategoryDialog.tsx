import { useEffect, useRef, useState } from 'react';
import { PROGRAMS, type CategoryDto, type Program } from '../../../../shared/contract/index';
import { BridgeError } from '../../bridge';
import { useBridge } from '../../bridge-context';
import { Dialog } from '../../components/Dialog';
import { FormField } from '../../components/FormField';
import { ErrorNote } from '../../components/Notice';
import { formatNumber } from '../../format';
import { JKK_RISK, jkkClassName, PROGRAM_INFO, SEGMENT_LABELS } from './category-labels';
import { RegistrationSelect, useRegistrations } from './registration-select';
import { useSubmit } from '../../hooks/use-run';

type Segment = 'PU' | 'BPU';

/** JKK and JKM are the minimum protection (Inpres 2/2021): always on. */
const REQUIRED: readonly Program[] = ['JKK', 'JKM'];

interface Props {
  category: CategoryDto | null;
  employerJkkClass: number;
  onClose: () => void;
  onSaved: (saved: { name: string; draftMonths: string[] }) => void;
}

/** `1 SK dan 1.600 penugasan pegawai`. */
function usedBy(c: CategoryDto | null): string {
  if (!c) return '';
  const parts = [c.decrees > 0 ? `${formatNumber(c.decrees)} SK` : '', c.engagements > 0 ? `${formatNumber(c.engagements)} penugasan pegawai` : ''];
  return parts.filter(Boolean).join(' dan ');
}

/** Adds or edits a staff category. The core checks the same rules again and words any refusal. */
export function CategoryDialog({ category, employerJkkClass, onClose, onSaved }: Props) {
  const bridge = useBridge();
  const [name, setName] = useState(category?.name ?? '');
  const [segment, setSegment] = useState<Segment>(category?.segment ?? 'PU');
  const [programs, setPrograms] = useState<Set<Program>>(new Set(category?.programs ?? REQUIRED));
  const [jkkClass, setJkkClass] = useState<number | null>(category?.jkkClass ?? null);
  const [enrolled, setEnrolled] = useState(category?.enrolled ?? true);
  const regs = useRegistrations();
  const [registrationId, setRegistrationId] = useState<number | null>(category?.registrationId ?? null);
  const { busy, error, setError, submit } = useSubmit();
  const errorRef = useRef<HTMLDivElement>(null);
  // The refusal is at the foot of a long form: bring it into view.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  // A category named by SKs or engagements keeps its segment: changing it would rewrite past bills.
  const segmentLocked = category !== null && category.decrees + category.engagements > 0;

  const chooseSegment = (s: Segment) => {
    setSegment(s);
    if (s === 'BPU') {
      setPrograms((p) => new Set([...p].filter((x) => x !== 'JP')));
      setJkkClass(null);
    }
  };
  const toggle = (p: Program, on: boolean) => setPrograms((cur) => {
    const next = new Set(cur);
    if (on) next.add(p);
    else next.delete(p);
    return next;
  });
  const allowed = (p: Program) => !(segment === 'BPU' && p === 'JP');

  const save = async () => {
    if (name.trim().length < 3) return setError(new BridgeError('INVALID_INPUT', 'Nama kategori minimal 3 huruf.'));
    await submit(async () => {
      const res = await bridge.call('category.save', {
        ...(category ? { id: category.id } : {}),
        name: name.trim(),
        segment,
        programs: PROGRAMS.filter((p) => REQUIRED.includes(p) || (programs.has(p) && allowed(p))),
        jkkClass: segment === 'PU' ? jkkClass : null,
        enrolled,
        registrationId,
      });
      onSaved({ name: name.trim().replace(/\s+/g, ' '), draftMonths: res.draftMonths });
    });
  };

  return (
    <Dialog title={category ? `Ubah kategori ${category.name}` : 'Tambah kategori pegawai'} onClose={onClose} onSubmit={save} submitLabel="Simpan" busy={busy} wide>
      <p className="category-lead">
        <strong>Tagihan yang sudah terbit tidak pernah berubah.</strong> Perubahan berlaku untuk tagihan (dan draf) yang dihitung sesudah ini.
      </p>
      <div className="form-grid form-grid-single">
        <FormField label="Nama kategori (seperti tertulis di SK)" required>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </FormField>
      </div>

      <fieldset className="choice-group category-fieldset">
        <legend>Segmen kepesertaan</legend>
        {(['PU', 'BPU'] as const).map((s) => (
          <label key={s} className={segment === s ? 'choice choice-on' : segmentLocked ? 'choice choice-off' : 'choice'}>
            <input type="radio" name="segment" value={s} checked={segment === s} disabled={segmentLocked && category?.segment !== s} onChange={() => chooseSegment(s)} />
            <span>
              <strong>{SEGMENT_LABELS[s]}</strong>
              <small>
                {segmentLocked && category?.segment !== s
                  ? `Tidak dapat dipilih: kategori ini sudah dipakai ${usedBy(category)}. Untuk segmen lain, buat kategori baru.`
                  : s === 'PU'
                    ? 'Menerima honor dari Pemda; didaftarkan dengan NPP Pemda, iuran dari upah yang dilaporkan.'
                    : 'Pekerja rentan yang iurannya dibayar APBD/APBDes; iuran dari golongan penghasilan.'}
              </small>
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="category-fieldset">
        <legend>Program BPJS Ketenagakerjaan (JKK dan JKM wajib menurut Inpres 2/2021)</legend>
        <div className="program-choices">
          {PROGRAMS.map((p) => {
            const required = REQUIRED.includes(p);
            const ok = allowed(p);
            const on = required || (programs.has(p) && ok);
            return (
              <label key={p} className={on ? 'choice choice-on' : ok ? 'choice' : 'choice choice-off'}>
                <input type="checkbox" checked={on} disabled={required || !ok} onChange={(e) => toggle(p, e.target.checked)} />
                <span>
                  <strong>
                    {PROGRAM_INFO[p].name} ({p}){required ? <em className="program-tag"> wajib</em> : null}
                  </strong>
                  <small>{ok ? PROGRAM_INFO[p].what : 'Tidak tersedia untuk BPU: Jaminan Pensiun hanya untuk Penerima Upah.'}</small>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>

      <div className="form-grid category-fieldset">
        <FormField
          label="Kelas risiko JKK"
          hint={segment === 'PU' ? 'Biasanya ikut kelas NPP. Ubah hanya bila BPJS menetapkan kelas lain untuk pekerjaan ini.' : 'JKK peserta BPU dihitung 1% dari penghasilan; tidak memakai kelas risiko.'}
        >
          <select value={jkkClass ?? ''} disabled={segment === 'BPU'} onChange={(e) => setJkkClass(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">Ikut kelas NPP ({jkkClassName(employerJkkClass)})</option>
            {JKK_RISK.map((risk, i) => (
              <option key={risk} value={i + 1}>
                {jkkClassName(i + 1)}: risiko {risk}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="NPP BPJS Ketenagakerjaan" hint="Dipakai untuk pegawai kategori ini di unit yang tidak punya NPP sendiri.">
          <RegistrationSelect regs={regs.data ?? []} value={registrationId} onChange={setRegistrationId} nullLabel="NPP Pemda" />
        </FormField>
        <div className="field">
          <span className="field-label">Penagihan iuran</span>
          <label className="checkbox">
            <input type="checkbox" checked={enrolled} onChange={(e) => setEnrolled(e.target.checked)} aria-describedby="category-enrolled-hint" /> Iuran kategori ini ditagihkan
          </label>
          <small id="category-enrolled-hint" className="hint">
            Hapus centang bila Pemda berhenti membayar iuran kategori ini. Pegawainya tetap di daftar pegawai.
          </small>
        </div>
      </div>

      <div ref={errorRef}>
        <ErrorNote error={error} />
      </div>
    </Dialog>
  );
}
