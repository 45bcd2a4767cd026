import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { EmployerForm } from './EmployerForm';
import { OpdTable } from './OpdTable';
import { UnitAliasSection } from './UnitAliasSection';
import { CategoryTable } from './CategoryTable';
import { RegistrationSection } from './RegistrationSection';
import { billingSettingsSections } from '../billing/settings-sections';
import { securitySettingsSections } from '../security/settings-sections';
import { coverageSettingsSections } from '../coverage/settings-sections';
import type { SettingsSection } from './settings-section';


const SECTIONS: SettingsSection[] = [
  { key: 'employer', label: 'Profil Pemda', render: () => <EmployerForm /> },
  { key: 'opd', label: 'OPD dan pejabat', render: () => <OpdTable /> },
  { key: 'unit-aliases', label: 'Alias unit kerja', render: () => <UnitAliasSection /> },
  { key: 'categories', label: 'Kategori pegawai', render: () => <CategoryTable /> },
  { key: 'registrations', label: 'Pendaftaran BPJS (NPP)', render: () => <RegistrationSection /> },
  ...billingSettingsSections,
  ...securitySettingsSections,
  ...coverageSettingsSections,
];

/** Pengaturan (first part): the Pemda's profile for letterheads, and the paying units with their officials. */
export function SettingsPage() {
  const [tab, setTab] = useState<string>('employer');
  return (
    <div className="page">
      <PageHeader title="Pengaturan" subtitle="Profil Pemda untuk kop surat dan daftar OPD beserta pejabat penanda tangan." />
      <Tabs
        label="Bagian pengaturan"
        active={tab}
        onChange={setTab}
        items={SECTIONS.map(({ key, label }) => ({ key, label }))}
      />
      <div role="tabpanel" className="tab-panel">
        {(SECTIONS.find((s) => s.key === tab) ?? SECTIONS[0]!).render()}
      </div>
    </div>
  );
}
