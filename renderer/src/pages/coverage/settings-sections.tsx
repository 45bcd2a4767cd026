import type { SettingsSection } from '../settings/SettingsPage';
import { CoverageSettings } from './CoverageSettings';

/** Tabs the coverage area adds to Pengaturan. */
export const coverageSettingsSections: SettingsSection[] = [{ key: 'coverage', label: 'Cakupan', render: () => <CoverageSettings /> }];
