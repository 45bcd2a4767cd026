import type { SettingsSection } from '../settings/SettingsPage';

/** Tabs the coverage area adds to Pengaturan. */
export const coverageSettingsSections: SettingsSection[] = [];
