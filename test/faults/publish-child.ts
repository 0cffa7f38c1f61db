/**
 * A desk publishing its drafts with a webhook receiver registered, in a process of its own, for
 * the test that kills it with SIGKILL: publishes each draft of DATABASE_URL in id order and runs
 * the webhook dispatcher's round (runWebhooksOnce, as `wiredesk serve` does every 5 s) after each,
 * then runs rounds until no delivery is pending, and exits. CLOCK_OFFSET_MS moves the
 * dispatcher's clock on, as time passing would: a restart after a kill then finds the leases
 * of the killed run's deliveries run out.
 */
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/connect.js';
import { publishArticle } from '../../src/content/lifecycle.js';
import { runWebhooksOnce } from '../../src/webhooks/dispatcher.js';

const config = loadConfig();
const store = await openStore(config.database);
const offset = Number(process.env.CLOCK_OFFSET_MS) || 0;
const now = () => new Date(Date.now() + offset).toISOString();
const round = () => runWebhooksOnce(store.db, config.siteUrl, { now: now(), timeoutMs: 5000, outbound: config.outbound });

const drafts = await store.db.selectFrom('articles').select('id').where('status', '=', 'draft').orderBy('id').execute();
for (const { id } of drafts) {
  await publishArticle(store.db, id, { actor: { name: 'editor@example.org', userId: null } }, { via: 'desk', reviewed: true });
  await round();
}
const pending = async () => (await store.db.selectFrom('webhook_deliveries').select('id').where('status', '=', 'pending').execute()).length;
const undispatched = async () => (await store.db.selectFrom('publication_events').select('id').where('dispatched_at', 'is', null).execute()).length;
while ((await pending()) + (await undispatched()) > 0) {
  const summary = await round();
  if (summary.attempted === 0 && summary.events === 0) await new Promise((r) => setTimeout(r, 20));
}
process.stdout.write('done\n');
await store.close();
