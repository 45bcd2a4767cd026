import type { RouteObject } from 'react-router';

/** The security screens' routes (users, backups, audit trail), under the app layout. */
export const securityRoutes: RouteObject[] = [];
