import type { RouteObject } from 'react-router';
import { lazyPage } from '../../routing/lazy-page';

/** The Iuran screens' routes, under the app layout (loaded on first visit). */
export const billingRoutes: RouteObject[] = [
  { path: 'iuran', element: lazyPage(() => import('./BillingPage'), (m) => m.BillingPage) },
  { path: 'iuran/tagihan/:invoiceId', element: lazyPage(() => import('./InvoicePage'), (m) => m.InvoicePage) },
];
