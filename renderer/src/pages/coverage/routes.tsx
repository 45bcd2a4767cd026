import type { RouteObject } from 'react-router';
import { ComingSoonPage } from '../ComingSoonPage';

/** The coverage screens' routes (incident log, reports and next year's budget), under the app layout. */
export const coverageRoutes: RouteObject[] = [
  { path: 'kejadian', element: <ComingSoonPage title="Kecelakaan & kematian" lead="Catatan kecelakaan kerja dan kematian pegawai." points={[]} /> },
  { path: 'laporan', element: <ComingSoonPage title="Laporan & anggaran" lead="Laporan cakupan dan rencana anggaran iuran tahun depan." points={[]} /> },
];
