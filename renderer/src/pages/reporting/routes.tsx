import type { RouteObject } from 'react-router';
import { ReportingPage } from './ReportingPage';

/** The Pelaporan BPJS screens' routes, under the app layout. */
export const reportingRoutes: RouteObject[] = [{ path: 'pelaporan', element: <ReportingPage /> }];
