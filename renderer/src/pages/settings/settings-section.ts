import type { ReactNode } from 'react';

/** A tab of Pengaturan; other areas (billing rates, users, backups) contribute their own. */
export interface SettingsSection {
  key: string;
  label: string;
  render: () => ReactNode;
}
