/**
 * A newsletter sender in a process of its own, for the race tests: sends the due rows of the
 * database DATABASE_URL names through SMTP_URL, claiming BATCH rows at a time, then prints its
 * summary and exits. Started at the same moment as another one.
 */
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/db/connect.js';
import { createMailer } from '../../src/mail/mailer.js';
import { sendDueNewsletters } from '../../src/newsletter/sending.js';

const config = loadConfig();
const store = await openStore(config.database);
const mailer = createMailer(config);
const summary = await sendDueNewsletters(store.db, {
  mailer,
  siteUrl: config.siteUrl,
  unsubscribeMailbox: config.mailAddress,
  ratePerSecond: config.newsletterRatePerSecond,
  batchSize: Number(process.env.BATCH) || undefined,
});
process.stdout.write(`${JSON.stringify(summary)}\n`);
await mailer.close();
await store.close();
