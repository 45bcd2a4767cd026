/**
 * vitest global setup of the `core-pg` project (vitest.config.ts): one real cluster from
 * Debian's packages for the whole run (test/pg/cluster.ts), a template database migrated once by the
 * same code Sigap runs (openStore), its admin URL handed to the test workers, copies of the template
 * kept ready for them (keepSpares), and the cluster stopped at the end.
 */
import pg from 'pg';
import { startPgCluster } from './cluster';
import { ADMIN_URL_ENV, TEMPLATE_DB, keepSpares } from './test-database';
import { openStore } from '../../electron/core/store/open-store';

export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await startPgCluster();
  try {
    const url = await cluster.createDatabase(TEMPLATE_DB);
    const opened = await openStore(url);
    await opened.store.close();
    // A template no one is connected to can be copied; keep connections off it.
    const c = new pg.Client({ connectionString: cluster.adminUrl });
    await c.connect();
    await c.query(`ALTER DATABASE ${TEMPLATE_DB} WITH IS_TEMPLATE true`);
    await c.end();
  } catch (e) {
    cluster.stop();
    throw e;
  }
  process.env[ADMIN_URL_ENV] = cluster.adminUrl;
  const spares = keepSpares(cluster.adminUrl);
  return async () => {
    await spares.stop();
    cluster.stop();
  };
}
