import type { SettingsSection } from '../settings/settings-section';
import { RatesSettings } from './RatesSettings';

/** Tabs this area adds to Pengaturan. */
export const billingSettingsSections: SettingsSection[] = [{ key: 'rates', label: 'Tarif iuran', render: () => <RatesSettings /> }];
