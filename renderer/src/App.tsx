import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Bridge } from './bridge';
import { BridgeProvider } from './bridge-context';
import { AppInfoProvider } from './app-info';
import { AppLayout } from './layout/AppLayout';
import { lazyPage } from './routing/lazy-page';
import { billingRoutes } from './pages/billing/routes';
import { reportingRoutes } from './pages/reporting/routes';
import { securityRoutes } from './pages/security/routes';
import { SessionGate } from './session/session';
import { coverageRoutes } from './pages/coverage/routes';
import { ConnectionGate } from './connection/ConnectionGate';
import { desktopBridge } from './connection/desktop';

const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      // Each screen is its own chunk (see routing/lazy-page.tsx).
      { index: true, element: lazyPage(() => import('./pages/HomePage'), (m) => m.HomePage) },
      { path: 'pegawai', element: lazyPage(() => import('./pages/roster/RosterPage'), (m) => m.RosterPage) },
      { path: 'pegawai/lengkapi', element: lazyPage(() => import('./pages/roster/completion/CompletionPage'), (m) => m.CompletionPage) },
      { path: 'pegawai/:personId', element: lazyPage(() => import('./pages/roster/PersonPage'), (m) => m.PersonPage) },
      { path: 'sk', element: lazyPage(() => import('./pages/decrees/DecreeListPage'), (m) => m.DecreeListPage) },
      { path: 'sk/impor', element: lazyPage(() => import('./pages/skimport/ImportWizardPage'), (m) => m.ImportWizardPage) },
      ...billingRoutes,
      ...reportingRoutes,
      ...securityRoutes,
      ...coverageRoutes,
      { path: 'pengaturan', element: lazyPage(() => import('./pages/settings/SettingsPage'), (m) => m.SettingsPage) },
      { path: '*', element: lazyPage(() => import('./pages/NotFoundPage'), (m) => m.NotFoundPage) },
    ],
  },
];

export function App({ bridge }: { bridge: Bridge }) {
  const [router] = useState(() => createBrowserRouter(routes));
  const [desktop] = useState(desktopBridge);
  return (
    <BridgeProvider bridge={bridge}>
      {/* The desktop asks first: this computer or a Sigap server (connection/); a browser goes straight on. */}
      <ConnectionGate desktop={desktop}>
        <SessionGate>
          <AppInfoProvider>
            <RouterProvider router={router} />
          </AppInfoProvider>
        </SessionGate>
      </ConnectionGate>
    </BridgeProvider>
  );
}
