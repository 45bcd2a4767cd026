import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Bridge } from './bridge';
import { BridgeProvider } from './bridge-context';
import { AppInfoProvider } from './app-info';
import { AppLayout } from './layout/AppLayout';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RosterPage } from './pages/roster/RosterPage';
import { PersonPage } from './pages/roster/PersonPage';
import { DecreeListPage } from './pages/decrees/DecreeListPage';
import { ImportWizardPage } from './pages/skimport/ImportWizardPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { billingRoutes } from './pages/billing/routes';
import { reportingRoutes } from './pages/reporting/routes';
import { securityRoutes } from './pages/security/routes';
import { SessionGate } from './pages/security/session';
import { coverageRoutes } from './pages/coverage/routes';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'pegawai', element: <RosterPage /> },
      { path: 'pegawai/:personId', element: <PersonPage /> },
      { path: 'sk', element: <DecreeListPage /> },
      { path: 'sk/impor', element: <ImportWizardPage /> },
      ...billingRoutes,
      ...reportingRoutes,
      ...securityRoutes,
      ...coverageRoutes,
      { path: 'pengaturan', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function App({ bridge }: { bridge: Bridge }) {
  const [router] = useState(() => createBrowserRouter(routes));
  return (
    <BridgeProvider bridge={bridge}>
      <SessionGate>
        <AppInfoProvider>
          <RouterProvider router={router} />
        </AppInfoProvider>
      </SessionGate>
    </BridgeProvider>
  );
}
