import type { SettingsSection } from '../settings/SettingsPage';

/** Tabs this area adds to Pengaturan. */
export const billingSettingsSections: SettingsSection[] = [];
