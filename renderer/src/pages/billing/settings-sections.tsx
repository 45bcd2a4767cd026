import type { SettingsSection } from '../settings/SettingsPage';
import { RatesSettings } from './RatesSettings';

/** Tabs this area adds to Pengaturan. */
export const billingSettingsSections: SettingsSection[] = [{ key: 'rates', label: 'Tarif iuran', render: () => <RatesSettings /> }];
