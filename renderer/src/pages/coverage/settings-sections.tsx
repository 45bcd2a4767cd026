import type { SettingsSection } from '../settings/settings-section';
import { CoverageSettings } from './CoverageSettings';

/** Tabs the coverage area adds to Pengaturan. */
export const coverageSettingsSections: SettingsSection[] = [{ key: 'coverage', label: 'Cakupan', render: () => <CoverageSettings /> }];
