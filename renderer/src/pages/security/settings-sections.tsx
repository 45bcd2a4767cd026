import type { ReactNode } from 'react';
import type { SettingsSection } from '../settings/settings-section';
import type { ChannelName } from '../../../../shared/contract/index';
import { Notice } from '../../components/Notice';
import { useCan } from '../../session/session';
import { UsersSection } from './UsersSection';
import { BackupSection } from './BackupSection';
import { AuditSection } from './AuditSection';

/** A tab only the roles allowed to make its calls can use; the core refuses the others anyway. */
function AdminOnly({ call, children }: { call: ChannelName; children: ReactNode }) {
  if (!useCan(call)) {
    return (
      <Notice tone="info" title="Khusus administrator">
        Bagian ini hanya dapat dibuka oleh administrator Sigap.
      </Notice>
    );
  }
  return <>{children}</>;
}

/** Tabs this area adds to Pengaturan. */
export const securitySettingsSections: SettingsSection[] = [
  { key: 'users', label: 'Pengguna', render: () => <AdminOnly call="users.list"><UsersSection /></AdminOnly> },
  { key: 'backup', label: 'Cadangan', render: () => <AdminOnly call="backup.list"><BackupSection /></AdminOnly> },
  { key: 'audit', label: 'Jejak audit', render: () => <AdminOnly call="audit.list"><AuditSection /></AdminOnly> },
];
