import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Bridge } from './bridge';
import { BridgeProvider } from './bridge-context';
import { AppInfoProvider } from './app-info';
import { AppLayout } from './layout/AppLayout';
import { HomePage } from './pages/HomePage';
import { ComingSoonPage } from './pages/ComingSoonPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RosterPage } from './pages/roster/RosterPage';
import { PersonPage } from './pages/roster/PersonPage';
import { DecreeListPage } from './pages/decrees/DecreeListPage';
import { ImportWizardPage } from './pages/skimport/ImportWizardPage';
import { SettingsPage } from './pages/settings/SettingsPage';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'pegawai', element: <RosterPage /> },
      { path: 'pegawai/:personId', element: <PersonPage /> },
      { path: 'sk', element: <DecreeListPage /> },
      { path: 'sk/impor', element: <ImportWizardPage /> },
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
      { path: 'pengaturan', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function App({ bridge }: { bridge: Bridge }) {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <BridgeProvider bridge={bridge}>
      <AppInfoProvider>
        <RouterProvider router={router} />
      </AppInfoProvider>
    </BridgeProvider>
  );
}
