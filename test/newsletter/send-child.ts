/**
 * A newsletter sender in a process of its own, for the test that kills one mid-run: sends the
 * due rows of the database DATABASE_URL names through SMTP_URL, then exits.
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
});
process.stdout.write(`${JSON.stringify(summary)}\n`);
await mailer.close();
await store.close();
