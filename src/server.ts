import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { startViewsRollup } from './audience/rollup.js';
import type { Config } from './config.js';
import type { Store } from './db/connect.js';
import { startNewsletterWorker } from './newsletter/schedule.js';
import { startHousekeeping } from './newsroom/housekeeping.js';
import { startNotificationMailer } from './newsroom/notification-mail.js';
import { startScheduler } from './content/scheduler.js';
import { heroesForNewStories } from './wire/illustrate.js';
import { startDropFolderWatcher } from './wire/watcher.js';
import { startWebhookDispatcher } from './webhooks/dispatcher.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** Serves until SIGTERM or SIGINT, then stops accepting, answers what is in flight, closes the
 *  database and exits. A worker of `serve --workers N` (cluster.ts) runs the same. */
export async function serve(
  config: Config,
  store: Store,
  log: (line: string) => void,
  options: { /** the first-run form (no --demo) */ firstRun?: boolean } = {},
): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp({ config, store, firstRun: options.firstRun });
  const workers: { stop(): Promise<void> }[] = [];
  // Stop publishing, ingesting and delivering before the database closes.
  app.addHook('preClose', async () => {
    await Promise.all(workers.map((w) => w.stop()));
  });
  // Listening for the other processes' changes before serving, so nothing is kept unheard.
  await app.changeListener.ready;
  await app.listen({ port: config.port, host: config.host });
  workers.push(
    startScheduler(store.db, app.log),
    startDropFolderWatcher(store.db, app.log, {
      heroFor: heroesForNewStories(store.db, config, app.log),
      outbound: config.outbound,
      places: { dataDir: config.dataDir },
    }),
    startWebhookDispatcher(store.db, config.siteUrl, app.directory, app.log, 5_000, config.websubHub, config.outbound),
  );
  // Daily digests: made at the set time in each edition's zone, sent at NEWSLETTER_RATE_PER_SECOND.
  workers.push(startNewsletterWorker(store.db, config, app.mailer, app.directory, app.log));
  // Hourly reads older than 72 hours, rolled up into days: at start and every hour.
  workers.push(startViewsRollup(store.db, app.log));
  // The desk's notifications, by email to those who asked.
  workers.push(startNotificationMailer(store.db, app.mailer, config.siteUrl, async () => (await app.directory.get()).settings.siteName, app.log));
  // Ended sessions and old sign-in counts, dropped every hour.
  workers.push(startHousekeeping(store.db, app.log));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log(`Wiredesk is serving ${url} (${store.description})`);
  log(`Mail goes to ${app.mailer.description}`);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log(`${reason}: finishing requests and closing the database`);
    const force = setTimeout(() => {
      log(`Requests still open after ${SHUTDOWN_GRACE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        log(`Error while shutting down: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM received'));
  process.once('SIGINT', () => stop('SIGINT received'));
  // A worker of `serve --workers N` whose primary is gone (killed) must not serve on alone.
  if (cluster.isWorker) process.once('disconnect', () => stop('The primary process is gone'));
  return { app, url };
}
