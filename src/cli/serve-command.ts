import cluster from 'node:cluster';
import type { Command } from 'commander';
import { MAX_WORKERS, runPrimary } from '../cluster.js';
import type { Store } from '../db/connect.js';
import { out, siteUrlFor } from './command-support.js';
import { CliError, runAction } from './errors.js';

/** A warning when N workers' pools could use up the PostgreSQL server's connections. */
async function connectionBudget(store: Store, workers: number): Promise<string | null> {
  const { connectionLimit, POOL_SIZE } = await import('../db/connect.js');
  const max = await connectionLimit(store);
  const need = workers * POOL_SIZE;
  return max !== null && need > max * 0.8
    ? `Note: ${workers} workers may open up to ${need} connections to PostgreSQL, which allows ${max} (max_connections).`
    : null;
}

/** wiredesk serve: one process, or a primary with workers (PostgreSQL); --demo seeds the demo first. */
export function addServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the site (migrates the database first)')
    .option('--demo', 'seed the demo newsroom when the database has no articles yet')
    .option('--workers <n>', `processes serving the port, 1 to ${MAX_WORKERS} (more than 1 needs PostgreSQL)`, '1')
    .action((opts: { demo?: boolean; workers: string }) =>
      runAction(async () => {
        const workers = /^\d+$/.test(opts.workers.trim()) ? Number(opts.workers) : NaN;
        if (!(workers >= 1 && workers <= MAX_WORKERS))
          throw new CliError(`--workers must be a whole number from 1 to ${MAX_WORKERS}, not "${opts.workers}"`, 2);
        const { loadConfig } = await import('../config.js');
        const config = loadConfig();
        if (workers > 1 && config.database.kind === 'sqlite') {
          throw new CliError(`--workers ${workers} needs PostgreSQL (DATABASE_URL=postgres://…): the SQLite database is served by one process`, 2);
        }
        const [{ openDatabase }, { serve }] = await Promise.all([import('../ops/bootstrap.js'), import('../server.js')]);
        if (cluster.isWorker) {
          // A worker of the cluster: the primary migrated and seeded; serve what it prepared.
          const { openStore } = await import('../db/connect.js');
          const prefix = `worker ${cluster.worker!.id}: `;
          const workerStore = await openStore(config.database, { cacheBytes: config.sqliteCacheBytes });
          await serve(await siteUrlFor(config, workerStore), workerStore, (line) => out(prefix + line), { firstRun: !opts.demo });
          return;
        }
        const store = await openDatabase(config, { check: config.sqliteStartupCheck === 'quick' });
        const served = await siteUrlFor(config, store);
        let admin: Awaited<ReturnType<typeof import('../demo/seed.js').ensureDemoAdmin>> = null;
        if (opts.demo) {
          // Only with --demo: the demo's stories and templates are 1 MB of source kept in memory.
          const { ensureDemoAdmin, seedDemo } = await import('../demo/seed.js');
          const result = await seedDemo(store.db, { dataDir: config.dataDir, onlyIfEmpty: true });
          if (result.seeded) out(`Seeded the demo newsroom: ${result.articles} articles.`);
          admin = await ensureDemoAdmin(store.db, { dataDir: config.dataDir, password: config.adminPassword });
        }
        // The password is never printed: it is in a file only the owner can read, or it was given.
        const signIn = (url: string) =>
          admin &&
          out(
            admin.passwordFile
              ? `Newsroom: sign in at ${url}/newsroom as ${admin.email} with the password in ${admin.passwordFile} (readable only by you; delete it once you have changed the password).`
              : `Newsroom: sign in at ${url}/newsroom as ${admin.email} with the password WIREDESK_ADMIN_PASSWORD gave.`,
          );
        // Without --demo a new database has no users: the newsroom offers its first-run form.
        const { countUsers } = await import('../content/users.js');
        const setUpAt = (url: string) =>
          !admin && countUsers(store.db).then((n) => n === 0 && out(`No newsroom users yet: set the site up at ${url}/newsroom, or with wiredesk init.`));
        if (workers === 1) {
          const { url } = await serve(served, store, out, { firstRun: !opts.demo });
          signIn(url);
          await setUpAt(url);
          return;
        }
        await setUpAt(served.siteUrl);
        const connections = await connectionBudget(store, workers);
        await store.close();
        if (connections) out(connections);
        await runPrimary(
          workers,
          out,
          (url) => {
            out(`Wiredesk is serving ${url} with ${workers} workers (${store.description})`);
            signIn(url);
          },
          config.host,
        );
      }),
    );
}
