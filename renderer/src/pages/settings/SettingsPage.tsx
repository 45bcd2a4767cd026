import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { EmployerForm } from './EmployerForm';
import { OpdTable } from './OpdTable';

type Tab = 'employer' | 'opd';

/** Pengaturan (first part): the Pemda's profile for letterheads, and the paying units with their officials. */
export function SettingsPage() {
  const [tab, setTab] = useState<Tab>('employer');
  return (
    <div className="page">
      <PageHeader title="Pengaturan" subtitle="Profil Pemda untuk kop surat dan daftar OPD beserta pejabat penanda tangan." />
      <Tabs
        label="Bagian pengaturan"
        active={tab}
        onChange={setTab}
        items={[
          { key: 'employer', label: 'Profil Pemda' },
          { key: 'opd', label: 'OPD dan pejabat' },
        ]}
      />
      <div role="tabpanel" className="tab-panel">
        {tab === 'employer' ? <EmployerForm /> : <OpdTable />}
      </div>
    </div>
  );
}
