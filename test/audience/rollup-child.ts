/**
 * A process that rolls up the hourly reads of the database DATABASE_URL names, as of ROLLUP_NOW,
 * one bucket per transaction, and prints what it moved as JSON: for the test of two processes
 * rolling up at once.
 */
import { rollUpViews } from '../../src/audience/rollup.js';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/connect.js';

const store = await openStore(loadConfig().database);
try {
  const done = await rollUpViews(store.db, { now: new Date(process.env.ROLLUP_NOW!), batchSize: 1 });
  process.stdout.write(`${JSON.stringify(done)}\n`);
} finally {
  await store.close();
}
