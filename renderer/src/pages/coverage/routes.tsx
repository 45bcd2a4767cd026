import type { RouteObject } from 'react-router';
import { lazyPage } from '../../routing/lazy-page';

/** The coverage screens' routes (incident log, reports and next year's budget), loaded on first visit. */
export const coverageRoutes: RouteObject[] = [
  { path: 'kejadian', element: lazyPage(() => import('./IncidentsPage'), (m) => m.IncidentsPage) },
  { path: 'laporan', element: lazyPage(() => import('./ReportsPage'), (m) => m.ReportsPage) },
];
