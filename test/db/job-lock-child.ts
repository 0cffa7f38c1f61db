/**
 * A process that takes the 'newsletter' job lock of the database DATABASE_URL names and keeps
 * it (its run never ends), for the test that kills the holder with SIGKILL.
 */
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/connect.js';
import { runExclusive } from '../../src/db/job-lock.js';

const store = await openStore(loadConfig().database);
const outcome = await runExclusive(store.db, 'newsletter', async () => {
  process.stdout.write('holding\n');
  await new Promise(() => {});
});
// Only reached when another process held the lock already.
process.stdout.write(`${outcome.ran ? 'ran' : 'skipped'}\n`);
await store.close();
