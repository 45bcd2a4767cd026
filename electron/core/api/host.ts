import type { ProgressEvent } from '../../../shared/contract/index';
import type { PdfOptions } from '../../../shared/paper';

/**
 * What the core asks of its host: native dialogs and progress delivery. Electron's main process
 * provides them with real dialogs; tests provide them with fixture paths.
 */
export interface HostServices {
  chooseOpenFile(opts: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  chooseSaveFile(opts: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** A folder to write several files into (the BPJS upload files of a batch). */
  chooseFolder(opts: { title: string }): Promise<string | null>;
  /**
   * Prints a complete, self-contained HTML document (inline styles, images as data URLs) to PDF bytes:
   * Electron's printToPDF in the app, headless Chromium in the CLI and the tests.
   */
  printToPdf(html: string, opts: PdfOptions): Promise<Uint8Array>;
  /**
   * Shows PDF bytes (a decree scan) in a separate sandboxed viewer window: electron/main/pdf-viewer.ts
   * in the app. Optional: a host without it (the CLI) has no viewer; the scan can still be saved.
   */
  showPdf?(bytes: Uint8Array, title: string): Promise<void>;
  /**
   * Shows a written file in the system's file manager, selected ("Buka folder"): Electron's
   * shell.showItemInFolder in the app. The path is always one the core wrote (files/saved-files.ts).
   */
  showInFolder(path: string): Promise<void>;
  progress(e: ProgressEvent): void;
  appVersion: string;
  /** Where automatic backups go (before an SK is applied); null turns them off. */
  backupDir: string | null;
}
