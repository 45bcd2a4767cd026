import type { RouteObject } from 'react-router';
import { ComingSoonPage } from '../ComingSoonPage';

/** The Iuran screens' routes, under the app layout. */
export const billingRoutes: RouteObject[] = [
  {
    path: 'iuran',
    element: (
      <ComingSoonPage
        title="Iuran"
        lead="Tagihan iuran BPJS Ketenagakerjaan per OPD setiap bulan."
        points={['Hitung iuran JKK, JKM, JHT dan JP dari daftar pegawai aktif', 'Surat tagihan per OPD dengan tanda tangan pejabatnya', 'Catat pembayaran SP2D dan cocokkan dengan tagihan BPJS']}
      />
    ),
  },
];
