/**
 * `wiredesk serve`'s scheduler in a process of its own, for the test that kills it with SIGKILL:
 * starts the scheduler (startScheduler, ticking every TICK_MS) over DATABASE_URL and exits once
 * no scheduled story is due any more.
 */
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/connect.js';
import { startScheduler } from '../../src/content/scheduler.js';

const store = await openStore(loadConfig().database);
const errors: unknown[] = [];
const job = startScheduler(store.db, { info() {}, error: (o: unknown) => errors.push(o) }, Number(process.env.TICK_MS) || 20);
const due = async () =>
  Number(
    (await sql<{ n: number }>`select count(*) as n from articles where status = 'scheduled' and scheduled_for <= ${new Date().toISOString()}`.execute(store.db))
      .rows[0]!.n,
  );
while ((await due()) > 0) await new Promise((r) => setTimeout(r, 20));
await job.stop();
process.stdout.write(`${JSON.stringify({ errors: errors.length })}\n`);
await store.close();
