import type { RouteObject } from 'react-router';
import { IncidentsPage } from './IncidentsPage';
import { ReportsPage } from './ReportsPage';

/** The coverage screens' routes (incident log, reports and next year's budget), under the app layout. */
export const coverageRoutes: RouteObject[] = [
  { path: 'kejadian', element: <IncidentsPage /> },
  { path: 'laporan', element: <ReportsPage /> },
];
