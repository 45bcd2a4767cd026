import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, in Indonesian. Roles keep the native behaviour (copy, paste, zoom...). `help` is
 * the Bantuan menu (help-menu.ts), last on every platform.
 */
export function menuTemplate(isMac: boolean, help?: MenuItemConstructorOptions): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ label: 'Sigap', submenu: [{ role: 'about', label: 'Tentang Sigap' }, { type: 'separator' }, { role: 'quit', label: 'Keluar dari Sigap' }] } as MenuItemConstructorOptions] : []),
    { label: 'Berkas', submenu: [isMac ? { role: 'close', label: 'Tutup Jendela' } : { role: 'quit', label: 'Keluar' }] },
    {
      label: 'Sunting',
      submenu: [
        { role: 'undo', label: 'Urungkan' }, { role: 'redo', label: 'Ulangi' }, { type: 'separator' },
        { role: 'cut', label: 'Potong' }, { role: 'copy', label: 'Salin' }, { role: 'paste', label: 'Tempel' },
        { role: 'selectAll', label: 'Pilih Semua' },
      ],
    },
    {
      label: 'Tampilan',
      submenu: [
        { role: 'reload', label: 'Muat Ulang' }, { type: 'separator' },
        { role: 'resetZoom', label: 'Ukuran Asli' }, { role: 'zoomIn', label: 'Perbesar' }, { role: 'zoomOut', label: 'Perkecil' },
        { type: 'separator' }, { role: 'togglefullscreen', label: 'Layar Penuh' },
      ],
    },
    { label: 'Jendela', submenu: [{ role: 'minimize', label: 'Kecilkan' }] },
    ...(help ? [help] : []),
  ];
}
