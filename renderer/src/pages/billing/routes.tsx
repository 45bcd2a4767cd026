import type { RouteObject } from 'react-router';
import { BillingPage } from './BillingPage';
import { InvoicePage } from './InvoicePage';

/** The Iuran screens' routes, under the app layout. */
export const billingRoutes: RouteObject[] = [
  { path: 'iuran', element: <BillingPage /> },
  { path: 'iuran/tagihan/:invoiceId', element: <InvoicePage /> },
];
