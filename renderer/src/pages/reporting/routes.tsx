import type { RouteObject } from 'react-router';
import { ComingSoonPage } from '../ComingSoonPage';

/** The Pelaporan BPJS screens' routes, under the app layout. */
export const reportingRoutes: RouteObject[] = [
  {
    path: 'pelaporan',
    element: (
      <ComingSoonPage
        title="Pelaporan BPJS"
        lead="Berkas unggahan untuk kantor cabang BPJS Ketenagakerjaan (SIPP Online)."
        points={['Pendaftaran tenaga kerja baru tanpa KPJ', 'Penonaktifan massal bagi pegawai yang berakhir', 'Perubahan upah, dipecah per 10.000 baris']}
      />
    ),
  },
];
