import type { ProgressEvent } from '../../../shared/contract/index';

/**
 * What the core asks of its host: native dialogs and progress delivery. Electron's main process
 * provides them with real dialogs; tests provide them with fixture paths.
 */
export interface HostServices {
  chooseOpenFile(opts: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  chooseSaveFile(opts: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  progress(e: ProgressEvent): void;
  appVersion: string;
  /** Where automatic backups go (before an SK is applied); null turns them off. */
  backupDir: string | null;
}
