import type { RouteObject } from 'react-router';
import { lazyPage } from '../../routing/lazy-page';

/** The Pelaporan BPJS screens' routes, under the app layout (loaded on first visit). */
export const reportingRoutes: RouteObject[] = [{ path: 'pelaporan', element: lazyPage(() => import('./ReportingPage'), (m) => m.ReportingPage) }];
