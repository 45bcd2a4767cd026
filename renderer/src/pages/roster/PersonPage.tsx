import { useCallback, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import type { PersonDetailDto } from '../../../../shared/contract/index';
import { useAppInfo } from '../../app-info';
import { useBridge } from '../../bridge-context';
import { useLoad } from '../../hooks/use-load';
import { LoadState } from '../../components/LoadState';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';
import { dateOrDash, DASH, formatRupiah } from '../../format';
import { SEX_LABELS } from '../../labels';
import { AuditTrail } from './AuditTrail';
import { EngagementHistory } from './EngagementHistory';
import { EndEngagementDialog } from './EndEngagementDialog';
import { PersonDialog } from './PersonDialog';
import { personValues } from './person-form';
import { DeathBanner, PersonIncidents } from './PersonIncidents';
import { PersonBilling } from './PersonBilling';
import { IncidentDialog } from '../coverage/IncidentDialog';
import { useCan } from '../../session/session';
import { ContactFacts, Hidden } from './identity-view';
import { splitAcademicTitle } from '../../../../shared/academic-title';

/** One person: identity, what they do now, every engagement with its decree, and who changed what. */
export function PersonPage() {
  const { personId } = useParams();
  const id = Number(personId);
  const bridge = useBridge();
  const { info } = useAppInfo();
  const location = useLocation();
  const back = (location.state as { back?: string } | null)?.back ?? '/pegawai';
  const load = useLoad(useCallback(() => bridge.call('person.get', { personId: id }), [bridge, id]));
  const [dialog, setDialog] = useState<'edit' | 'end' | 'incident' | null>(null);
  const canRecordIncident = useCan('incident.save');
  const canEdit = useCan('person.update');
  const canEnd = useCan('engagement.end');

  return (
    <div className="page">
      <Link to={back} className="back-link">
        ← Kembali ke daftar pegawai
      </Link>
      <LoadState load={load}>
        {(d) => (
          <div data-state="ready" className="stack">
            <PageHeader
              title={d.person.name}
              subtitle={<span className="tabular">NIK {d.person.nik}</span>}
              actions={
                <>
                  {canEdit ? (
                    <button type="button" className="button" onClick={() => setDialog('edit')}>
                      Ubah data pribadi
                    </button>
                  ) : null}
                  {d.current && canEnd ? (
                    <button type="button" className="button button-danger-outline" onClick={() => setDialog('end')}>
                      Akhiri keterlibatan
                    </button>
                  ) : null}
                </>
              }
            />
            {d.death ? <DeathBanner death={d.death} /> : null}
            {d.nikWarnings.length > 0 ? (
              <Notice tone="warning" title="Periksa NIK">
                <ul className="plain-list">
                  {d.nikWarnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </Notice>
            ) : null}
            <div className="two-columns">
              <Identity p={d.person} />
              <CurrentEngagement c={d.current} />
            </div>
            <PersonBilling personId={d.person.id} name={d.person.name} today={info.today} />
            <PersonIncidents incidents={d.incidents} onAdd={canRecordIncident ? () => setDialog('incident') : null} />
            <EngagementHistory engagements={d.engagements} />
            <AuditTrail audit={d.audit} />
            {dialog === 'edit' ? (
              <PersonDialog
                mode="edit"
                personId={d.person.id}
                initial={personValues(d.person)}
                onClose={() => setDialog(null)}
                onSaved={() => {
                  setDialog(null);
                  load.reload();
                }}
              />
            ) : null}
            {dialog === 'incident' ? (
              <IncidentDialog
                today={info.today}
                preselected={{ personId: d.person.id, name: d.person.name, opd: d.current?.opd ?? d.engagements[0]?.opd ?? '' }}
                onClose={() => setDialog(null)}
                onSaved={() => {
                  setDialog(null);
                  load.reload();
                }}
              />
            ) : null}
            {dialog === 'end' && d.current ? (
              <EndEngagementDialog
                engagementId={d.current.id}
                opd={d.current.opd}
                startDate={d.current.startDate}
                today={info.today}
                onClose={() => setDialog(null)}
                onSaved={() => {
                  setDialog(null);
                  load.reload();
                }}
              />
            ) : null}
          </div>
        )}
      </LoadState>
    </div>
  );
}

function Identity({ p }: { p: PersonDetailDto['person'] }) {
  // For finance and viewer the core sends NIK and KPJ masked, the birth year instead of the date, and no
  // mother's name, address or phone (identityHidden): the page says they are hidden, not empty.
  const hidden = p.identityHidden === true;
  const privateValue = (v: string | null) => (v ?? (hidden ? <Hidden /> : DASH));
  const birthDate = p.birthDate ? dateOrDash(p.birthDate) : hidden && p.birthYear ? `tahun ${p.birthYear}` : null;
  const birth = [p.birthPlace, birthDate].filter(Boolean).join(', ');
  // What the BPJS files write: NAMA_LENGKAP without the SK's titles, which go to GELAR.
  const titled = splitAcademicTitle(p.name);
  return (
    <section className="card" data-testid="identity">
      <h2>Identitas</h2>
      {hidden ? (
        <p className="muted small" data-testid="identity-hidden-note">
          Sesuai peran Anda, NIK dan KPJ ditampilkan sebagian; tanggal lahir, nama ibu kandung, telepon, alamat dan data kontak lain disembunyikan.
        </p>
      ) : null}
      <dl className="facts">
        <dt>NIK</dt>
        <dd className="tabular">{p.nik}</dd>
        {titled.title ? (
          <>
            <dt>Nama tanpa gelar (berkas BPJS)</dt>
            <dd data-testid="name-without-title">
              {titled.name} <span className="muted">· gelar: {titled.title}</span>
            </dd>
          </>
        ) : null}
        <dt>{hidden ? 'Tempat, tahun lahir' : 'Tempat, tanggal lahir'}</dt>
        <dd>{birth || (hidden ? <Hidden /> : DASH)}</dd>
        <dt>Jenis kelamin</dt>
        <dd>{p.sex ? SEX_LABELS[p.sex] : DASH}</dd>
        <dt>Nomor KPJ</dt>
        <dd className="tabular">{p.kpj ?? <span className="pill pill-warning">Belum ada</span>}</dd>
        <dt>Nama ibu kandung</dt>
        <dd>{privateValue(p.motherName)}</dd>
        <dt>Telepon/HP</dt>
        <dd>{privateValue(p.phone)}</dd>
        <dt>Alamat</dt>
        <dd>{privateValue(p.address)}</dd>
        <ContactFacts p={p} />
      </dl>
    </section>
  );
}

function CurrentEngagement({ c }: { c: PersonDetailDto['current'] }) {
  return (
    <section className="card">
      <h2>Keterlibatan saat ini</h2>
      {c ? (
        <dl className="facts" data-testid="current-engagement">
          <dt>OPD / pekon</dt>
          <dd>{c.opd}</dd>
          <dt>Kategori</dt>
          <dd>{c.category}</dd>
          <dt>Jabatan/tugas</dt>
          <dd>{c.position ?? DASH}</dd>
          <dt>Honor per bulan</dt>
          <dd>{formatRupiah(c.honor)}</dd>
          <dt>Upah dilaporkan</dt>
          <dd>{formatRupiah(c.reportedWage)}</dd>
          <dt>Masa tugas</dt>
          <dd>
            {dateOrDash(c.startDate)} s.d. {c.endDate ? dateOrDash(c.endDate) : 'belum ditentukan'}
          </dd>
          <dt>Dasar</dt>
          <dd>{c.decreeNumber ? `SK ${c.decreeNumber}${c.decreeDate ? `, ${dateOrDash(c.decreeDate)}` : ''}` : 'Input manual'}</dd>
        </dl>
      ) : (
        <p className="muted" data-testid="current-engagement">
          Tidak aktif saat ini. Riwayat keterlibatan ada di bawah.
        </p>
      )}
    </section>
  );
}
