/** "Buka folder" on the main side: the worker's request becomes shell.showItemInFolder, and nothing else. */
import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import { revealInFolder } from '../../electron/main/reveal';

describe('revealInFolder', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sigap-reveal-'));
  const file = join(dir, 'daftar-pegawai-2026-03.xlsx');
  writeFileSync(file, 'x');

  it('shows an existing written file selected in its folder', () => {
    const shell = { showItemInFolder: vi.fn() };
    revealInFolder(shell, { path: file });
    expect(shell.showItemInFolder).toHaveBeenCalledExactlyOnceWith(file);
  });

  it('passes on no relative, empty, missing or malformed path', () => {
    const shell = { showItemInFolder: vi.fn() };
    for (const args of [{ path: 'daftar.xlsx' }, { path: '' }, { path: 42 }, null, 'C:/x', {}]) {
      expect(() => revealInFolder(shell, args)).toThrow('Lokasi berkas tidak sah.');
    }
    expect(() => revealInFolder(shell, { path: join(dir, 'hilang.xlsx') })).toThrow('Berkas sudah tidak ada di foldernya.');
    expect(shell.showItemInFolder).not.toHaveBeenCalled();
  });

  it('is wired in main through shell.showItemInFolder, never openPath or openExternal on a written file', () => {
    const main = readFileSync(join(__dirname, '../../electron/main/index.ts'), 'utf8');
    expect(main).toMatch(/showInFolder: async \(args\) => revealInFolder\(shell, args\)/);
    const reveal = readFileSync(join(__dirname, '../../electron/main/reveal.ts'), 'utf8');
    expect(reveal).not.toMatch(/openPath\(|openExternal\(/);
  });
});
