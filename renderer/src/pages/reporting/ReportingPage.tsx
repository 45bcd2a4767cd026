import { useSearchParams } from 'react-router';
import { REPORT_KINDS, type ReportKind } from '../../../../shared/sipp-layouts';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { PendingTab } from './PendingTab';
import { BatchesTab } from './BatchesTab';
import { ProfilesTab } from './ProfilesTab';
import { KpjImportTab } from './KpjImportTab';
import { ReconcileTab } from './ReconcileTab';
import { NaReasonsTab } from './NaReasonsTab';
import '../../styles/reporting.css';

const TABS = [
  { key: 'perlu', label: 'Perlu dilaporkan' },
  { key: 'batch', label: 'Riwayat batch' },
  { key: 'profil', label: 'Profil templat' },
  { key: 'kpj', label: 'Daftar peserta (KPJ)' },
  { key: 'rekonsiliasi', label: 'Rekonsiliasi tagihan' },
  { key: 'sebab', label: 'Kode sebab nonaktif' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * Pelaporan BPJS: what the branch office has not been told, the upload files and their batches, the
 * template profiles, and the round trip back (KPJ numbers, the bill). The tab, kind and open batch live
 * in the address, so the person page's back link returns to the same place.
 */
export function ReportingPage() {
  const [params, setParams] = useSearchParams();
  const tab: TabKey = TABS.some((t) => t.key === params.get('tab')) ? (params.get('tab') as TabKey) : 'perlu';
  const kind: ReportKind = REPORT_KINDS.includes(params.get('jenis') as ReportKind) ? (params.get('jenis') as ReportKind) : 'new';
  const batch = Number(params.get('batch')) || null;
  const go = (next: { tab?: TabKey; kind?: ReportKind; batch?: number | null }) => {
    const p = new URLSearchParams();
    const t = next.tab ?? tab;
    p.set('tab', t);
    if (t === 'perlu') p.set('jenis', next.kind ?? kind);
    const b = next.batch === undefined ? batch : next.batch;
    if (t === 'batch' && b) p.set('batch', String(b));
    setParams(p, { replace: true });
  };

  return (
    <div className="page">
      <PageHeader title="Pelaporan BPJS" subtitle="Berkas unggahan SIPP Online untuk kantor cabang BPJS Ketenagakerjaan, dan data yang kembali dari kantor cabang." />
      <Tabs label="Bagian pelaporan" active={tab} onChange={(t) => go({ tab: t })} items={TABS.map((t) => ({ key: t.key, label: t.label }))} />
      <div role="tabpanel" className="tab-panel">
        {tab === 'perlu' ? <PendingTab kind={kind} onKind={(k) => go({ kind: k })} /> : null}
        {tab === 'batch' ? <BatchesTab selected={batch} onSelect={(b) => go({ batch: b })} /> : null}
        {tab === 'profil' ? <ProfilesTab /> : null}
        {tab === 'kpj' ? <KpjImportTab /> : null}
        {tab === 'rekonsiliasi' ? <ReconcileTab /> : null}
        {tab === 'sebab' ? <NaReasonsTab /> : null}
      </div>
    </div>
  );
}
